import { hkdfSync } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import { EncryptJWT, jwtDecrypt, type JWTPayload } from "jose";
import { sdkServerModule, sdkVersion } from "@/test-support/sdk-internals";
import { cookieCrypto } from "./config";
import type { CookieCryptoRow, CookieCryptoSample } from "./cookie-cost-types";
import { median } from "./sample-stats";

/**
 * How long the SDK takes to decrypt and encrypt the session cookie, which it does on every
 * request that reads the session and every one that rolls it, against the same JWE operations
 * with the key derived once. The SDK (`dist/server/cookies.js`) runs HKDF on every call and hands
 * jose the raw bytes, which jose imports as a key again each time. Figures for an upstream
 * issue: the SDK itself is not patched.
 */

// The SDK's constants, as `dist/server/cookies.js` of 4.30.0 has them.
const ENC = "A256GCM";
const ALG = "dir";
const DIGEST = "sha256";
const BYTE_LENGTH = 32;
const ENCRYPTION_INFO = "JWE CEK";
const CLOCK_TOLERANCE = 15;

type SdkCookies = {
  encrypt(payload: JWTPayload, secret: string, expiration: number): Promise<string>;
  decrypt(value: string, secret: string): Promise<{ payload: JWTPayload } | null>;
};

const isSdkCookies = (loaded: unknown): loaded is SdkCookies =>
  typeof loaded === "object" &&
  loaded !== null &&
  "encrypt" in loaded &&
  typeof loaded.encrypt === "function" &&
  "decrypt" in loaded &&
  typeof loaded.decrypt === "function";

/** The installed SDK's cookie module and version. */
async function loadSdkCookies(): Promise<{ cookies: SdkCookies; version: string }> {
  return { cookies: await sdkServerModule("cookies.js", isSdkCookies), version: sdkVersion() };
}

/** The SDK's key, derived once and imported once as a `CryptoKey` that jose uses as is. */
function keyOnce(secret: string): Promise<CryptoKey> {
  const bytes = hkdfSync(DIGEST, secret, "", ENCRYPTION_INFO, BYTE_LENGTH);
  return crypto.subtle.importKey("raw", bytes, "AES-GCM", false, ["encrypt", "decrypt"]);
}

type Operation = () => Promise<unknown>;

/**
 * Median microseconds per call of `a` and `b`, interleaved call by call and taking turns at
 * going first, so that anything else on the machine weighs on both alike.
 */
async function medians(a: Operation, b: Operation, calls: number): Promise<[number, number]> {
  const times: [number[], number[]] = [[], []];
  const timed = async (operation: Operation, into: number[]) => {
    const start = performance.now();
    await operation();
    into.push((performance.now() - start) * 1000);
  };
  // One call at a time: each is timed alone.
  for (let i = 0; i < calls; i += 1) {
    if (i % 2 === 0) {
      await timed(a, times[0]);
      await timed(b, times[1]);
    } else {
      await timed(b, times[1]);
      await timed(a, times[0]);
    }
  }
  return [median(times[0]), median(times[1])];
}

/**
 * Times the SDK's own `decrypt` and `encrypt` on `jwe` (a real session cookie's value, its
 * chunks joined) and its payload, against jose's `jwtDecrypt` and `EncryptJWT` with the same
 * `alg` and `enc` and the key derived once; first checks that each decrypts what the other
 * encrypted, and throws if not.
 *
 * @example
 * const sample = await measureCookieCrypto(sessionCookieValue(await context.cookies()), secret);
 * sample.rows[0]; // { operation: "decrypt", sdkMicros: 180, keyOnceMicros: 95 }
 */
export async function measureCookieCrypto(
  jwe: string,
  secret: string,
): Promise<CookieCryptoSample> {
  const { cookies: sdk, version: sdkVersion } = await loadSdkCookies();
  const key = await keyOnce(secret);
  const payload = (await sdk.decrypt(jwe, secret))?.payload;
  if (!payload?.exp) throw new Error("The SDK could not decrypt the session cookie.");
  const expiration = payload.exp;
  const ours = {
    decrypt: (value: string) => jwtDecrypt(value, key, { clockTolerance: CLOCK_TOLERANCE }),
    encrypt: () =>
      new EncryptJWT(payload)
        .setProtectedHeader({ enc: ENC, alg: ALG })
        .setExpirationTime(expiration)
        .encrypt(key),
  };
  const sdkEncrypt = () => sdk.encrypt(payload, secret, expiration);

  const oursReadSdk = (await ours.decrypt(await sdkEncrypt())).payload;
  const sdkReadOurs = (await sdk.decrypt(await ours.encrypt(), secret))?.payload;
  if (!isDeepStrictEqual(oursReadSdk, payload) || !isDeepStrictEqual(sdkReadOurs, payload)) {
    throw new Error("The key derived once and the SDK do not read each other's cookies.");
  }

  const { calls, warmupCalls } = cookieCrypto;
  const pairs = {
    decrypt: [() => sdk.decrypt(jwe, secret), () => ours.decrypt(jwe)],
    encrypt: [sdkEncrypt, ours.encrypt],
  } as const;
  const rows: CookieCryptoRow[] = [];
  for (const operation of ["decrypt", "encrypt"] as const) {
    const [sdkCall, oursCall] = pairs[operation];
    await medians(sdkCall, oursCall, warmupCalls);
    const [sdkMicros, keyOnceMicros] = await medians(sdkCall, oursCall, calls);
    rows.push({ operation, sdkMicros, keyOnceMicros });
  }
  const payloadBytes = Buffer.byteLength(JSON.stringify(payload));
  const cookieBytes = Buffer.byteLength(jwe);
  return { sdkVersion, calls, warmupCalls, cookieBytes, payloadBytes, rows };
}
