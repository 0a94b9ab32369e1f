import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { SdkError } from "@auth0/nextjs-auth0/errors";
import { apis, scopesAskedFor } from "@/config/apis";
import { auth0 } from "@/lib/auth0";
import { serverEnv } from "@/lib/env/server-env";
import type { AskAnswer, Sent } from "@/lib/mrrt-playground/ask-contract";
import {
  checkTokenQuery,
  ownPageRefusal,
  tokenRequestRefusalResponse,
} from "@/lib/proxy/token-request-check";
import {
  cookieSessionFacts,
  redisSessionIdOf,
  withRefreshGuard,
} from "@/lib/refresh-guard/refresh-guard";
import { redisSessions } from "@/lib/sessions/redis-sessions";

/**
 * The MRRT playground's ask: a refresh **now**, for the audience and scope in the query, so that
 * every ask shows which MRRT rule the authorization server applies to the policy as it is. The
 * browser's `getAccessToken()` cannot force one: it gets the token stored in the session until
 * that expires, and a changed policy applies only at the next refresh.
 *
 * Held to the token route's rules (same origin, `audience` and `scope` checked the same way) and
 * behind the same refresh guard, so it spends no refresh token twice; a POST, since it changes
 * the session, and so no link or prefetch can trigger it.
 *
 * @example
 * if (path === paths.playgroundAsk) return playgroundAsk(request);
 */
export async function playgroundAsk(request: NextRequest): Promise<Response> {
  const response = await answer(request);
  response.headers.set("Cache-Control", "no-store");
  return response;
}

async function answer(request: NextRequest): Promise<Response> {
  // Only this app's own script sends the ask: not even a page typed in the address bar ("none").
  const refusal =
    ownPageRefusal(request, new URL(serverEnv().appBaseUrl).origin) ??
    checkTokenQuery(request.nextUrl.searchParams);
  if (refusal) return tokenRequestRefusalResponse(refusal);

  const query = request.nextUrl.searchParams;
  const audience = query.get("audience") ?? undefined;
  const scope = query.get("scope") ?? undefined;
  const sent = { audience, scope: scope && mergedScope(audience, scope) };
  const arrived = await sessionMark(request);
  return withRefreshGuard(
    request,
    async () => {
      // Asks that arrive together refresh once: a rotation that happened after this one arrived
      // answers it too. Each forcing its own would queue every later ask behind one more rotation.
      const refresh = (await sessionMark(request)) === arrived;
      return refreshNow(request, { audience, scope, refresh }, sent);
    },
    { mayRefresh: true },
  );
}

/** What changes when the session's refresh token rotates: its hash, or the Redis record's version. */
async function sessionMark(request: NextRequest): Promise<string | null> {
  const { redisUrl } = serverEnv();
  if (redisUrl === undefined) return (await cookieSessionFacts(request))?.refreshTokenHash ?? null;
  const id = await redisSessionIdOf(request);
  return id === null ? null : redisSessions(redisUrl).store.recordField(id, "version");
}

/** The SDK merges the scopes configured for the audience into the ones a call asks for. */
function mergedScope(audience: string | undefined, scope: string): string {
  const configured = scopesAskedFor[audience ?? apis.profile.audience] ?? "";
  return [...new Set([...configured.split(" "), ...scope.split(" ")])].filter(Boolean).join(" ");
}

async function refreshNow(
  request: NextRequest,
  options: { audience?: string; scope?: string; refresh: boolean },
  sent: Sent,
): Promise<Response> {
  // The SDK writes the refreshed session's cookies here; they go out with the answer.
  const carrier = new NextResponse();
  let body: AskAnswer;
  let status = 200;
  try {
    const token = await auth0().getAccessToken(request, carrier, options);
    body = { ok: true, sent, token: token.token, scope: token.scope, expiresAt: token.expiresAt };
  } catch (error) {
    // Anything else (the session store down) is the proxy's to answer.
    if (!(error instanceof SdkError)) throw error;
    const { code, cause } = error as SdkError & { code?: string; cause?: unknown };
    status = 401; // as the token route answers every failure the SDK names
    body = {
      ok: false,
      sent,
      error: { code: code ?? error.name, message: error.message, cause: oauthCause(cause) },
    };
  }
  return NextResponse.json(body, { status, headers: carrier.headers });
}

function oauthCause(cause: unknown): { code: string; message?: string } | undefined {
  if (!(cause instanceof SdkError) || !("code" in cause) || typeof cause.code !== "string") {
    return undefined;
  }
  return { code: cause.code, message: cause.message };
}
