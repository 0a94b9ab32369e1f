import "server-only";
import { jwtDecrypt } from "jose";
import { derivedKey } from "@/lib/env/derived-key";

/**
 * How the SDK (4.30) encrypts its cookies: a JWE (`dir`, `A256GCM`) under a key derived from
 * `AUTH0_SECRET` with HKDF-SHA256 (no salt, info "JWE CEK", 32 bytes). Checked against the SDK's
 * own `encrypt` by `id-cookie-expiry.test.ts`, so a change of the SDK's format fails a test instead
 * of passing unnoticed; here a value that does not decrypt only means "expiry unknown".
 */
const INFO = "JWE CEK";
/** The SDK reads a cookie up to this long after its `exp`. */
export const SDK_CLOCK_TOLERANCE_SECONDS = 15;

/**
 * The `exp` (epoch seconds) of a session id cookie the SDK wrote (sessions in Redis), or
 * `undefined` when it cannot be read or the SDK would no longer read it. The SDK reads the id, not
 * its expiry, out of the cookie: the app needs both to keep what the cookie leads to exactly as
 * long as the SDK would still accept the cookie. The key is derived once per secret, not per call.
 *
 * @example
 * const exp = await idCookieExpiry(request.cookies.get("__session")?.value ?? "", secret);
 */
export async function idCookieExpiry(value: string, secret: string): Promise<number | undefined> {
  const key = derivedKey(secret, INFO);
  try {
    const { payload } = await jwtDecrypt(value, key, {
      clockTolerance: SDK_CLOCK_TOLERANCE_SECONDS,
      keyManagementAlgorithms: ["dir"],
      contentEncryptionAlgorithms: ["A256GCM"],
    });
    return typeof payload.exp === "number" ? payload.exp : undefined;
  } catch {
    return undefined;
  }
}
