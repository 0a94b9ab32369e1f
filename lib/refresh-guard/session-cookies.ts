import "server-only";
import type { NextRequest } from "next/server";

/**
 * The SDK's session cookie as the refresh guard reads and rewrites it (cookie sessions): the
 * `__session` cookie and its chunks (`__session__0`, …), never the `__txn_*` sign-in cookies.
 * The DPoP client's is `__session_dpop` (`lib/auth0-dpop.ts`): every function takes the name.
 */
export const SESSION_COOKIE = "__session";

const patterns = new Map<string, RegExp>();
/** The cookie and its chunks; built once per name (every token request reads the cookie). */
function cookiePattern(name: string): RegExp {
  let pattern = patterns.get(name);
  if (!pattern) {
    pattern = new RegExp(`^${name}(__\\d+)?$`);
    patterns.set(name, pattern);
  }
  return pattern;
}

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
export function sessionCookies(
  request: NextRequest,
  name = SESSION_COOKIE,
): { name: string; value: string }[] {
  const pattern = cookiePattern(name);
  return request.cookies
    .getAll()
    .filter((cookie) => pattern.test(cookie.name))
    .map(({ name, value }) => ({ name, value }));
}

/**
 * The session cookie's value as the SDK reads it: `__session` when it has a value, else its chunks
 * `__session__0…n` joined when none is missing, else "" (no session cookie, or one the SDK would
 * look for elsewhere: the legacy `appSession`). What the same session sends every time until
 * the cookie is written again, so the caches of what a cookie decrypts to are keyed by it: the
 * same value always decrypts to the same session, however its chunks were split.
 *
 * @example
 * sessionCookieKey(request); // "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0…"
 */
export function sessionCookieKey(request: NextRequest, name = SESSION_COOKIE): string {
  const cookies = sessionCookies(request, name);
  const whole = cookies.find((cookie) => cookie.name === name)?.value;
  if (whole) return whole;
  const chunks = cookies
    .filter((cookie) => cookie.name !== name)
    .map((cookie) => ({
      index: Number(cookie.name.slice(`${name}__`.length)),
      value: cookie.value,
    }))
    .sort((a, b) => a.index - b.index);
  if (chunks.length === 0 || chunks.some((chunk, i) => chunk.index !== i)) return "";
  return chunks.map((chunk) => chunk.value).join("");
}

/**
 * The session cookie's value as the SDK reads it with sessions in a store (Redis): `__session`
 * alone, never chunks (the cookie holds only the session's id); "" without one, or with an empty
 * one. The SDK would then read the legacy `appSession`, which nothing here keys on.
 *
 * @example
 * storedSessionCookieKey(request); // "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0…"
 */
export function storedSessionCookieKey(request: NextRequest): string {
  return request.cookies.get(SESSION_COOKIE)?.value ?? "";
}

/**
 * The response's `Set-Cookie` headers for the session cookie and its chunks.
 *
 * @example
 * sessionSetCookies(response).length; // 0 when the SDK did not write the session
 */
export function sessionSetCookies(response: Response, name = SESSION_COOKIE): string[] {
  const pattern = cookiePattern(name);
  return response.headers
    .getSetCookie()
    .filter((header) => pattern.test(header.slice(0, header.indexOf("="))));
}
