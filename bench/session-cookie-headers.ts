/**
 * Reading the session cookie out of `Set-Cookie` headers, without a browser: kept apart from
 * the Playwright code so the unit tests can load it.
 */

/**
 * The session cookie: `__session`, or `__session__0`, `__session__1`… once it is chunked.
 *
 * @example
 * isSessionCookie("__session__1"); // true
 */
export const isSessionCookie = (name: string) =>
  name === "__session" || /^__session__\d+$/.test(name);

/** What a response's `Set-Cookie` headers do to the session cookie. */
export type SessionSetCookies = {
  /** One of them gives the session cookie (or a chunk) a value; a deletion alone does not. */
  sets: boolean;
  /** Headers naming the session cookie or a chunk of it: values and deletions. */
  headers: number;
  /** The UTF-8 bytes of those header values. */
  bytes: number;
};

/**
 * The `Set-Cookie` headers of one response (every header as Playwright's `headersArray()` gives
 * them, each `Set-Cookie` separately) that concern the session cookie. The SDK deletes the
 * chunks it did not write each time it writes the cookie, so a write is several headers.
 *
 * @example
 * sessionSetCookies([
 *   { name: "Set-Cookie", value: "__session=eyJ…; Path=/; HttpOnly" },
 *   { name: "set-cookie", value: "__session__0=; Path=/; Max-Age=0" },
 * ]); // { sets: true, headers: 2, bytes: 63 }
 */
export function sessionSetCookies(
  headers: readonly { name: string; value: string }[],
): SessionSetCookies {
  const result: SessionSetCookies = { sets: false, headers: 0, bytes: 0 };
  for (const { name, value } of headers) {
    if (name.toLowerCase() !== "set-cookie") continue;
    const pair = value.split(";", 1)[0] ?? "";
    const equals = pair.indexOf("=");
    if (equals === -1 || !isSessionCookie(pair.slice(0, equals).trim())) continue;
    result.headers += 1;
    result.bytes += Buffer.byteLength(value, "utf8");
    if (pair.slice(equals + 1).trim() !== "") result.sets = true;
  }
  return result;
}
