/**
 * The SDK encrypts its cookies (the session, in chunks `__session`, `__session__0`, …, and the
 * sign-in transactions `__txn_*`) as JWEs with `alg: "dir"` and `enc: "A256GCM"`. It treats a
 * cookie it cannot decrypt as absent, but a forged one whose header names another algorithm
 * (`RSA-OAEP`, `PBES2-*`, `ECDH-ES`) or carries `crit` makes jose throw an error the SDK does not
 * catch: every page and the token route would answer 500. Such a cookie cannot be the SDK's own,
 * so it is dropped before the SDK reads it, and the request goes on as signed out.
 */

const SDK_COOKIE = /^(__session(__\d+)?|__txn_.*)$/;

type Cookie = { name: string; value: string };

/** The JWE protected header of a compact JWE, or `null` when it is not one. */
function protectedHeader(value: string): Record<string, unknown> | null {
  const [encoded = ""] = value.split(".", 1);
  try {
    const header: unknown = JSON.parse(Buffer.from(encoded, "base64url").toString("utf8"));
    return typeof header === "object" && header !== null && !Array.isArray(header)
      ? (header as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** Only the header the SDK writes; anything else is not its cookie. */
function isSdkHeader(header: Record<string, unknown>): boolean {
  return (
    header.alg === "dir" && header.enc === "A256GCM" && !("crit" in header) && !("zip" in header)
  );
}

/**
 * The names of the SDK cookies that the SDK could not read without crashing: a JWE header other
 * than its own. A session split in chunks is judged by its first chunk (the others hold no
 * header), and dropped whole. Values that are no JWE at all are left alone: the SDK already
 * treats those as absent.
 *
 * @example
 * unreadableSdkCookies([{ name: "__session", value: forgedJwe }]); // ["__session"]
 */
export function unreadableSdkCookies(cookies: readonly Cookie[]): string[] {
  const sdkCookies = cookies.filter((cookie) => SDK_COOKIE.test(cookie.name));
  const unreadable = new Set<string>();
  for (const cookie of sdkCookies) {
    if (/^__session__[1-9]\d*$/.test(cookie.name)) continue;
    const header = protectedHeader(cookie.value);
    if (header && !isSdkHeader(header)) unreadable.add(cookie.name);
  }
  const sessionForged = [...unreadable].some((name) => name.startsWith("__session"));
  if (sessionForged) {
    for (const cookie of sdkCookies) {
      if (cookie.name.startsWith("__session")) unreadable.add(cookie.name);
    }
  }
  return [...unreadable];
}
