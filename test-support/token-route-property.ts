import { maxHeaderSize } from "node:http";
import fc from "fast-check";
import { tokenErrorCatalogue } from "@/lib/tokens/token-error-catalogue";
import { SessionJar, sessionWrites } from "./session-jar";
import { surfaceOf, type SurfaceProperty } from "./surface-property";
import { cookieHeader, tokenRouteRequests, type TokenRouteRequest } from "./token-route-requests";

/**
 * The token route over HTTP (`proxy.ts` → `lib/proxy/token-route.ts` → the SDK), with generated
 * requests, for the end-to-end spec (the suite's servers) and `npm run fuzz` (servers of its own).
 */

const TOKEN_ROUTE = "/auth/access-token";

/** The codes each status may carry (`token-request-check.ts`, the SDK's `AccessTokenError`s). */
const CODES_BY_STATUS: Record<number, readonly string[]> = {
  400: ["invalid_audience", "invalid_scope", "invalid_request"],
  401: ["missing_session", "missing_refresh_token", "failed_to_refresh_token", "session_expired"],
  403: ["cross_site_request"],
  405: ["method_not_allowed"],
};

/** The rest of the SDK's `mfa_required` body: text, its encrypted mfa_token, requirements. */
function isMfaRequiredBody(rest: Record<string, unknown>): boolean {
  const { error_description, mfa_token, mfa_requirements, ...more } = rest;
  return (
    Object.keys(more).length === 0 &&
    typeof error_description === "string" &&
    typeof mfa_token === "string" &&
    (mfa_requirements === undefined || typeof mfa_requirements === "object")
  );
}

/** The SDK's token answer, field for field, or its error body with a documented code. */
function isDocumentedBody(status: number, body: unknown): boolean {
  if (typeof body !== "object" || body === null) return false;
  if (status === 200) {
    const { token, expires_at, expires_in, scope, token_type, ...rest } = body as Record<
      string,
      unknown
    >;
    return (
      Object.keys(rest).length === 0 &&
      typeof token === "string" &&
      token.length > 0 &&
      typeof expires_at === "number" &&
      typeof expires_in === "number" &&
      expires_in >= 0 &&
      (scope === undefined || typeof scope === "string") &&
      (token_type === undefined || typeof token_type === "string")
    );
  }
  const { error, ...rest } = body as Record<string, unknown>;
  // The SDK's MfaRequiredError: a step-up scope (refund:orders) asked for without MFA.
  if (status === 403 && error === "mfa_required") return isMfaRequiredBody(rest);
  if (Object.keys(rest).length > 0 || typeof error !== "object" || error === null) return false;
  const { code, message, ...more } = error as Record<string, unknown>;
  return (
    Object.keys(more).length === 0 &&
    typeof code === "string" &&
    code in tokenErrorCatalogue &&
    (CODES_BY_STATUS[status] ?? []).includes(code) &&
    typeof message === "string"
  );
}

/**
 * Node's limit on a request's header section, `next start`'s too (16 KiB unless
 * `--max-http-header-size` says otherwise): Node answers a longer one 431 itself, before the app
 * runs. A signed-in session cookie of several tokens and a few kilobytes of query reach it.
 */
const HEADER_LIMIT = maxHeaderSize;
/** What fetch adds that `headerBytes` does not count (Host, Accept, User-Agent, …), with room. */
const FETCH_HEADROOM = 1024;

/** The header bytes a request surely sends: its target and the headers set here. */
function headerBytes(target: string, headers: Headers): number {
  let bytes = target.length;
  for (const [name, value] of headers) bytes += name.length + value.length + 4;
  return bytes;
}

const sameKey = ({ query }: TokenRouteRequest) =>
  JSON.stringify(["audience", "scope"].map((name) => query.find(([key]) => key === name)?.[1]));

/**
 * Any method, query, `Sec-Fetch-Site` / `Origin` and session cookie: the answer is one of the
 * documented statuses (200, 400, 401, 403, 405; never a 5xx), or Node's own 431 exactly when the
 * request's headers are over its limit (and nothing written then); always `no-store`, with a body in
 * the SDK's shape (its token answer, or `{ error: { code, message } }` with a code the UI
 * explains for that status, or the SDK's `mfa_required` body); only the signed-in session gets a
 * token; and the session cookie is never written, except when a signed-in request got a new token
 * for its query (a refresh) or an `mfa_required` (the SDK saves the session as it was). A
 * forged cookie may only be deleted. `cookies` are the signed-in browser's; each write of the
 * session is kept, as the browser would.
 *
 * @example
 * const property = tokenRouteProperty("http://localhost:3401", await context.cookies());
 */
export function tokenRouteProperty(
  baseUrl: string,
  cookies: readonly { name: string; value: string }[],
): SurfaceProperty {
  const jar = new SessionJar(cookies);
  /** The last token each query got with the signed-in session: a new one is a refresh. */
  const tokens = new Map<string, string>();
  const statuses = new Set<number>();
  return surfaceOf(
    "token route over HTTP",
    fc.asyncProperty(tokenRouteRequests, async (request) => {
      const { method, query, site, origin, cookie } = request;
      const headers = new Headers();
      const sent = cookieHeader(cookie, jar);
      if (sent) headers.set("cookie", sent);
      if (site) headers.set("sec-fetch-site", site);
      if (origin) headers.set("origin", origin);
      const target = `${TOKEN_ROUTE}?${new URLSearchParams(query).toString()}`;
      const response = await fetch(`${baseUrl}${target}`, { method, headers, redirect: "manual" });
      const { status } = response;
      statuses.add(status);
      const size = headerBytes(target, headers);
      if (status === 431 || size > HEADER_LIMIT) {
        const overLimit = size > HEADER_LIMIT - FETCH_HEADROOM;
        return status === 431 && overLimit && sessionWrites(response).length === 0;
      }
      if (![200, 400, 401, 403, 405].includes(status)) return false;
      if (response.headers.get("cache-control") !== "no-store") return false;
      if (status === 405 && response.headers.get("allow") !== "GET") return false;
      if (status === 200 && method !== "GET") return false;
      // A HEAD answer has no body: its status and headers are checked all the same.
      const body: unknown = method === "HEAD" ? undefined : await response.json().catch(() => null);
      if (method !== "HEAD" && !isDocumentedBody(status, body)) return false;
      const writes = sessionWrites(response);
      if (cookie.kind !== "signed in") {
        return status !== 200 && writes.every((write) => write.deleted);
      }
      if (status === 403 && (body as { error?: unknown }).error === "mfa_required") {
        // The SDK saves the session, unchanged, with its MfaRequiredError: kept, as a browser would.
        jar.store(writes);
        return true;
      }
      if (status !== 200) return writes.length === 0;
      const { token } = body as { token: string };
      const refreshed = token !== tokens.get(sameKey(request));
      tokens.set(sameKey(request), token);
      jar.store(writes);
      return writes.length === 0 || refreshed;
    }),
    statuses,
  );
}
