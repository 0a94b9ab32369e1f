import "server-only";
import type { NextRequest } from "next/server";

/**
 * The SDK's session cookie as the refresh guard reads and rewrites it (cookie sessions): the
 * `__session` cookie and its chunks (`__session__0`, …), never the `__txn_*` sign-in cookies.
 */
const SESSION_COOKIE = /^__session(__\d+)?$/;

/**
 * Name and value of a `Set-Cookie` header; a deleted cookie has the value "".
 *
 * @example
 * cookieOf("__session=abc; Path=/; HttpOnly"); // { name: "__session", value: "abc" }
 */
export function cookieOf(header: string): { name: string; value: string } {
  const [pair = ""] = header.split(";", 1);
  const equals = pair.indexOf("=");
  const deleted = /;\s*max-age=0(;|$)/i.test(header);
  return {
    name: pair.slice(0, equals).trim(),
    value: deleted ? "" : decodeURIComponent(pair.slice(equals + 1).trim()),
  };
}

/**
 * The request's session cookies, chunks included.
 *
 * @example
 * sessionCookies(request).map((cookie) => cookie.name); // ["__session__0", "__session__1"]
 */
export function sessionCookies(request: NextRequest): { name: string; value: string }[] {
  return request.cookies
    .getAll()
    .filter((cookie) => SESSION_COOKIE.test(cookie.name))
    .map(({ name, value }) => ({ name, value }));
}

/**
 * The request's session cookies as one string, `name=value` pairs in name order: what the same
 * session sends every time until the cookie is written again, so caches of what a session's
 * cookie decrypts to are keyed by it ("" without a session cookie).
 *
 * @example
 * sessionCookieKey(request); // "__session__0=eyJ…; __session__1=…"
 */
export function sessionCookieKey(request: NextRequest): string {
  return sessionCookies(request)
    .map(({ name, value }) => `${name}=${value}`)
    .sort()
    .join("; ");
}

/**
 * The response's `Set-Cookie` headers for the session cookie and its chunks.
 *
 * @example
 * sessionSetCookies(response).length; // 0 when the SDK did not write the session
 */
export function sessionSetCookies(response: Response): string[] {
  return response.headers
    .getSetCookie()
    .filter((header) => SESSION_COOKIE.test(header.slice(0, header.indexOf("="))));
}
