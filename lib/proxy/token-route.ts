import "server-only";
import type { NextRequest } from "next/server";
import { apis } from "@/config/apis";
import { auth0 } from "@/lib/auth0";
import { serverEnv } from "@/lib/env/server-env";
import { issuerReachable } from "@/lib/proxy/issuer-reachable";
import { bindMfaToken } from "@/lib/proxy/mfa-token-binding";
import { checkTokenRequest, tokenRequestRefusalResponse } from "@/lib/proxy/token-request-check";
import { TokenAnswers, type AnswerScope } from "@/lib/proxy/token-answers";
import {
  cookieSessionFacts,
  redisSessionIdOf,
  withRefreshGuard,
} from "@/lib/refresh-guard/refresh-guard";
import { factsOf } from "@/lib/refresh-guard/session-facts";
import { sessionCookieKey } from "@/lib/refresh-guard/session-cookies";
import { redisSessions } from "@/lib/sessions/redis-sessions";
import { isRefusedRefresh } from "@/lib/refresh-guard/refused-refresh";

/**
 * The token route, `/auth/access-token` (or `NEXT_PUBLIC_ACCESS_TOKEN_ROUTE`): the SDK answers it,
 * and this module stands around the SDK's handler: a guard before it, and after it, the name of
 * a failure the SDK cannot tell apart. `proxy.ts` sends the route here.
 */

/** The token answers of both session modes (`token-answers.ts`). */
const answers = new TokenAnswers();

/**
 * Answers a token request: refused by the guard, or the SDK's answer (a token from the session,
 * refreshed if expired) behind the refresh guard, which serializes the session's refreshes and
 * catches up a request that carries a spent refresh token (`lib/refresh-guard/`). An answer the
 * SDK gave for the same unchanged session and query is given again while its token is fresh,
 * without the SDK reading the session again: with sessions in Redis that costs one `HGET`. An
 * `mfa_required` answer's `mfa_token` is bound to the session it is handed to
 * (`mfa-token-binding.ts`). Never stored by a cache: the SDK marks a token answer `no-store` only when the session changed.
 *
 * @example
 * if (request.nextUrl.pathname === "/auth/access-token") return tokenRoute(request);
 */
export async function tokenRoute(request: NextRequest): Promise<Response> {
  const { appBaseUrl, redisUrl } = serverEnv();
  const refusal = checkTokenRequest(request, new URL(appBaseUrl).origin);
  const response = refusal
    ? tokenRequestRefusalResponse(refusal)
    : await bindMfaToken(
        request,
        await namingAnUnreachableIssuer(
          redisUrl === undefined
            ? await cookieSession(request)
            : await redisSession(request, redisUrl),
        ),
      );
  response.headers.set("Cache-Control", "no-store");
  return response;
}

const sdk = (request: NextRequest) => () => auth0().middleware(request);
const guarded = (request: NextRequest) => ({
  mayRefresh: true,
  audience: refreshableAudience(request.nextUrl.searchParams),
});

/**
 * Sessions in the cookie: inside the refresh guard, which may first swap a cookie that carries a
 * spent refresh token for the session that replaced it; then keyed by the cookie's value.
 */
function cookieSession(request: NextRequest): Promise<Response> {
  return withRefreshGuard(
    request,
    async () => {
      const cookie = sessionCookieKey(request);
      if (cookie === "") return sdk(request)();
      const scope: AnswerScope = {
        session: cookie,
        query: request.nextUrl.search,
        version: "",
        readableUntil: async () => (await cookieSessionFacts(request))?.readableUntil ?? null,
      };
      return answers.answer(scope, sdk(request));
    },
    guarded(request),
  );
}

/**
 * Sessions in Redis: keyed by the session's id and checked against its record's `version` (one
 * `HGET`) before anything else, so a refresh, a sign-out or a back-channel logout on any instance
 * counts at once; otherwise the refresh guard and the SDK.
 */
async function redisSession(request: NextRequest, redisUrl: string): Promise<Response> {
  const guardedSdk = () => withRefreshGuard(request, sdk(request), guarded(request));
  const id = await redisSessionIdOf(request);
  const { store } = redisSessions(redisUrl);
  const version = id === null ? null : await store.recordField(id, "version");
  if (id === null || version === null) return guardedSdk();
  const scope: AnswerScope = {
    session: id,
    query: request.nextUrl.search,
    version,
    readableUntil: async () => {
      const session = await store.get(id);
      // The record's existence, checked by every request, bounds the rest.
      return session ? (factsOf(session).readableUntil ?? Infinity) : null;
    },
  };
  return answers.answer(scope, guardedSdk);
}

/**
 * The audience a token request can refresh for, when the query says it all: only `audience` (or
 * nothing, the sign-in API). The refresh guard then skips its lock while that audience's tokens
 * are fresh. Anything else in the query (`scope`, `mergeScopes`, …) can make the SDK look for a
 * token the guard cannot predict: `undefined`, and the request takes the lock.
 *
 * @example
 * refreshableAudience(new URLSearchParams("audience=https://orders-api.example.com"));
 * // "https://orders-api.example.com"
 */
export function refreshableAudience(query: URLSearchParams): string | undefined {
  if ([...query.keys()].some((name) => name !== "audience")) return undefined;
  return query.get("audience") ?? apis.profile.audience;
}

/**
 * The SDK answers every failed refresh with `failed_to_refresh_token`, whether the authorization
 * server refused the refresh token or could not be reached; the browser cannot tell them apart,
 * and "sign in again" is the wrong advice when the server is down (signing in cannot work
 * either). On that answer only, this asks the server once and, when it is down, answers
 * `503 authorization_server_unreachable` with `Retry-After` instead: the session is kept, and a
 * retry works once the server is back.
 *
 * @example
 * const response = await namingAnUnreachableIssuer(await auth0().middleware(request));
 */
async function namingAnUnreachableIssuer(response: Response): Promise<Response> {
  if (!(await isRefusedRefresh(response)) || (await issuerReachable())) return response;
  return Response.json(
    {
      error: {
        code: "authorization_server_unreachable",
        message: "The authorization server could not be reached to refresh the token.",
      },
    },
    { status: 503, headers: { "Retry-After": "5", "Cache-Control": "no-store" } },
  );
}
