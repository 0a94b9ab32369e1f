import "server-only";
import type { NextRequest } from "next/server";
import { apis, oidcScopes } from "@/config/apis";
import { auth0 } from "@/lib/auth0";
import { issuerReachable } from "@/lib/proxy/issuer-reachable";
import { withRefreshGuard } from "@/lib/refresh-guard/refresh-guard";

/**
 * The token route, `/auth/access-token` (or `NEXT_PUBLIC_ACCESS_TOKEN_ROUTE`): the SDK answers it,
 * and this module stands around the SDK's handler: a guard before it, and after it, the name of
 * a failure the SDK cannot tell apart. `proxy.ts` sends the route here.
 */

/**
 * Answers a token request: refused by the guard, or the SDK's answer (a token from the session,
 * refreshed if expired) behind the refresh guard, which serializes the session's refreshes and
 * catches up a request that carries a spent refresh token (`lib/refresh-guard/`). Never stored
 * by a cache: the SDK marks a token answer `no-store` only when the session changed.
 *
 * @example
 * if (request.nextUrl.pathname === "/auth/access-token") return tokenRoute(request);
 */
export async function tokenRoute(request: NextRequest): Promise<Response> {
  const refusal = checkTokenRequest(request);
  const response = refusal
    ? tokenRequestRefusalResponse(refusal)
    : await namingAnUnreachableIssuer(
        await withRefreshGuard(request, () => auth0().middleware(request), {
          mayRefresh: true,
          audience: refreshableAudience(request.nextUrl.searchParams),
        }),
      );
  response.headers.set("Cache-Control", "no-store");
  return response;
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

/** The codes this app answers with before the SDK sees a token request; the UI explains each. */
export type TokenRequestRefusal =
  | { status: 405; code: "method_not_allowed"; message: string }
  | { status: 403; code: "cross_site_request"; message: string }
  | { status: 400; code: "invalid_audience" | "invalid_scope"; message: string };

/** Longest `scope` accepted: every scope of one API plus the OIDC ones fits with room to spare. */
export const MAX_SCOPE_LENGTH = 512;

const knownApis = Object.values(apis);
// RFC 6749 §3.3: a scope token is printable ASCII without space, `"` and `\`.
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]+$/;

function refuse<Code extends "invalid_audience" | "invalid_scope">(
  code: Code,
  message: string,
): TokenRequestRefusal {
  return { status: 400, code, message };
}

/**
 * Checks a request for the token route before the SDK handles it, and returns why it is refused,
 * or `null` when it may go on.
 *
 * - **GET only.** The SDK answers nothing else; a clear 405 beats falling through to a page.
 * - **Same origin only** (`Sec-Fetch-Site`). The session cookie is `SameSite=Lax`, so a link on any
 *   site would otherwise make the user's browser call this route with their cookie, and the SDK
 *   stores what it was asked for in the session: one crafted link could grow the cookie until
 *   every later request fails with 431. `none` (typed in the address bar) and a missing header
 *   (not a browser, so no victim's cookie) are let through.
 * - **`audience`** at most once, one of the APIs in `config/apis.ts`. An empty one made the SDK
 *   throw (500).
 * - **`scope`** at most once, at most `MAX_SCOPE_LENGTH` characters, only scopes that the API
 *   (the requested audience, or the sign-in one) defines, plus the OpenID Connect scopes.
 *
 * @example
 * const refusal = checkTokenRequest(request);
 * if (refusal) return tokenRequestRefusalResponse(refusal);
 */
export function checkTokenRequest(request: Request): TokenRequestRefusal | null {
  if (request.method !== "GET") {
    return {
      status: 405,
      code: "method_not_allowed",
      message: `The token route answers GET only, not ${request.method}.`,
    };
  }
  const site = request.headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") {
    return {
      status: 403,
      code: "cross_site_request",
      message: "The token route answers requests from this app's own pages only.",
    };
  }

  const query = new URL(request.url).searchParams;
  const audiences = query.getAll("audience");
  if (audiences.length > 1) return refuse("invalid_audience", "Give audience at most once.");
  const audience = audiences[0];
  const api =
    audience === undefined
      ? apis.profile
      : knownApis.find((candidate) => candidate.audience === audience);
  if (!api) {
    return refuse(
      "invalid_audience",
      `Unknown audience: use one of ${knownApis.map((known) => known.audience).join(", ")}.`,
    );
  }

  const scopes = query.getAll("scope");
  if (scopes.length > 1) return refuse("invalid_scope", "Give scope at most once.");
  const scope = scopes[0];
  if (scope === undefined) return null;
  if (scope.length > MAX_SCOPE_LENGTH) {
    return refuse("invalid_scope", `The scope is longer than ${MAX_SCOPE_LENGTH} characters.`);
  }
  const requested = scope.split(" ");
  if (requested.some((token) => !SCOPE_TOKEN.test(token))) {
    return refuse(
      "invalid_scope",
      "The scope must be scope names separated by single spaces (RFC 6749 §3.3).",
    );
  }
  const allowed = new Set<string>([...oidcScopes, ...api.scopes]);
  const unknown = requested.filter((token) => !allowed.has(token));
  if (unknown.length > 0) {
    return refuse(
      "invalid_scope",
      `${api.name} does not define ${unknown.slice(0, 3).join(", ")}: ask only for ` +
        `${[...allowed].join(", ")}.`,
    );
  }
  return null;
}

/**
 * The answer to a refused token request, in the SDK's error shape so that the browser's
 * `getAccessToken` throws an `AccessTokenError` with the code, and never stored by a cache.
 *
 * @example
 * tokenRequestRefusalResponse({ status: 400, code: "invalid_scope", message: "…" }).status; // 400
 */
export function tokenRequestRefusalResponse(refusal: TokenRequestRefusal): Response {
  const headers = new Headers({ "Cache-Control": "no-store" });
  if (refusal.status === 405) headers.set("Allow", "GET");
  return Response.json(
    { error: { code: refusal.code, message: refusal.message } },
    { status: refusal.status, headers },
  );
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
  if (response.status !== 401) return response;
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as { error?: { code?: unknown } } | null;
  if (body?.error?.code !== "failed_to_refresh_token" || (await issuerReachable())) {
    return response;
  }
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
