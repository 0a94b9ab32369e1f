/**
 * 32 bytes written as 64 hex characters, and not an obvious pattern: the cookie secret is the key
 * of every session, so anyone who can guess it can forge one.
 *
 * @example
 * isCookieSecret("0".repeat(64)); // false
 */
export function isCookieSecret(secret: string): boolean {
  return /^[0-9a-f]{64}$/i.test(secret) && new Set(secret.toLowerCase()).size >= 8;
}

/** What is wrong with a cookie secret that `isCookieSecret` refuses, and the fix. */
export const COOKIE_SECRET_PROBLEM =
  "AUTH0_SECRET must be 32 random bytes as 64 hex characters (it encrypts the session " +
  "cookie): generate one with `openssl rand -hex 32`.";
