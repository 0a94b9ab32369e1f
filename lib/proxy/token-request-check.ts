import { apis, oidcScopes } from "@/config/apis";

/**
 * The token route's guard: what the app's own pages never send is refused before the SDK sees
 * it, in the SDK's error shape, with a code the browser's `getAccessToken` throws and the UI
 * explains (`lib/tokens/explain-token-error.ts`).
 */

/** The codes this app answers with before the SDK sees a token request; the UI explains each. */
export type TokenRequestRefusal =
  | { status: 405; code: "method_not_allowed"; message: string; allow?: "POST" }
  | { status: 403; code: "cross_site_request"; message: string }
  | {
      status: 400;
      code: "invalid_audience" | "invalid_scope" | "invalid_request";
      message: string;
    };

/** The query parameters the app's own pages send; the SDK would act on others (`mergeScopes`). */
const KNOWN_PARAMETERS = new Set(["audience", "scope"]);

/** Longest `scope` accepted: every scope of one API plus the OIDC ones fits with room to spare. */
export const MAX_SCOPE_LENGTH = 512;

const knownApis = Object.values(apis);
// RFC 6749 §3.3: a scope token is printable ASCII without space, `"` and `\`.
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]+$/;

function refuse<Code extends "invalid_audience" | "invalid_scope" | "invalid_request">(
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
 *   every later request fails with 431. `none` (typed in the address bar) is let through. A
 *   browser that sends no `Sec-Fetch-Site` is judged by `Origin`, then `Referer`: another origin
 *   there is refused too; with neither header it is no browser, so no victim's cookie.
 * - **`audience` and `scope` only.** Any other parameter (the SDK's `mergeScopes`) would make the
 *   SDK pick a token that the refresh guard's freshness check did not consider.
 * - **`audience`** at most once, one of the APIs in `config/apis.ts`. An empty one made the SDK
 *   throw (500).
 * - **`scope`** at most once, at most `MAX_SCOPE_LENGTH` characters, only scopes that the API
 *   (the requested audience, or the sign-in one) defines, plus the OpenID Connect scopes.
 *
 * @example
 * const refusal = checkTokenRequest(request);
 * if (refusal) return tokenRequestRefusalResponse(refusal);
 */
export function checkTokenRequest(
  request: Request,
  appOrigin?: string,
): TokenRequestRefusal | null {
  if (request.method !== "GET") {
    return {
      status: 405,
      code: "method_not_allowed",
      message: `The token route answers GET only, not ${request.method}.`,
    };
  }
  if (isCrossSite(request, appOrigin)) {
    return {
      status: 403,
      code: "cross_site_request",
      message: "The token route answers requests from this app's own pages only.",
    };
  }

  return checkTokenQuery(new URL(request.url).searchParams);
}

/**
 * The token request's own checks, without the method and the origin: `audience` and `scope`
 * only, each at most once, one of the known APIs and only scopes it (or OpenID Connect) defines.
 * The MRRT playground's asks go through the same checks (`lib/proxy/playground-ask.ts`).
 *
 * @example
 * checkTokenQuery(new URLSearchParams("audience=https://orders-api.example.com")); // null
 */
export function checkTokenQuery(query: URLSearchParams): TokenRequestRefusal | null {
  const unknownParameter = [...query.keys()].find((name) => !KNOWN_PARAMETERS.has(name));
  if (unknownParameter !== undefined) {
    return refuse(
      "invalid_request",
      `The token route takes audience and scope only, not ${unknownParameter.slice(0, 40)}.`,
    );
  }
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
 * Whether another site sent the request: `Sec-Fetch-Site` says so where the browser sends it;
 * elsewhere an `Origin` or, without one, a `Referer` from another origin than the app's.
 *
 * @example
 * isCrossSite(request, "http://localhost:3000"); // true for a link on another site
 */
export function isCrossSite(request: Request, appOrigin: string | undefined): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site !== null) return site !== "same-origin" && site !== "none";
  const from = request.headers.get("origin") ?? request.headers.get("referer");
  if (from === null) return false;
  const origins = [new URL(request.url).origin, appOrigin];
  try {
    return !origins.includes(new URL(from).origin);
  } catch {
    return true;
  }
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
  if (refusal.status === 405) headers.set("Allow", refusal.allow ?? "GET");
  return Response.json(
    { error: { code: refusal.code, message: refusal.message } },
    { status: refusal.status, headers },
  );
}

/**
 * Refuses what only this app's own script may send (the MRRT playground's ask, the DPoP call): a
 * method other than POST, or a request that is cross-site or typed in the address bar
 * (`Sec-Fetch-Site: none`).
 *
 * @example
 * const refusal = ownPageRefusal(request, "http://localhost:3000");
 * if (refusal) return tokenRequestRefusalResponse(refusal);
 */
export function ownPageRefusal(request: Request, appOrigin: string): TokenRequestRefusal | null {
  if (request.method !== "POST") {
    const path = new URL(request.url).pathname;
    const message = `${path} answers POST only, not ${request.method}.`;
    return { status: 405, code: "method_not_allowed", message, allow: "POST" };
  }
  if (request.headers.get("sec-fetch-site") !== "none" && !isCrossSite(request, appOrigin)) {
    return null;
  }
  return { status: 403, code: "cross_site_request", message: "Ask from this app's pages only." };
}
