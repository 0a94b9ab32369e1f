/**
 * The Payments API's DPoP nonces (RFC 9449 §9), stateless: a nonce is a time window and an HMAC
 * of it, so every instance that shares the key (`apiEnv().dpopNonceKey`) issues and accepts the
 * same nonces without a shared store, and a nonce cannot be made up without the key.
 */
import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";

/** A new nonce every minute… */
const WINDOW_SECONDS = 60;
/** …accepted in its own window and the next two: a nonce lives two to three minutes. */
const MAX_AGE_WINDOWS = 2;

const windowAt = (nowSeconds: number) => Math.floor(nowSeconds / WINDOW_SECONDS);

function mac(key: Buffer, window: number): Buffer {
  return createHmac("sha256", key).update(`dpop-nonce:${window}`).digest().subarray(0, 16);
}

/**
 * The nonce of the current window: `<window in base 36>.<HMAC, base64url>`.
 *
 * @example
 * response.headers.set("DPoP-Nonce", currentNonce(apiEnv().dpopNonceKey));
 */
export function currentNonce(key: Buffer, nowSeconds = Date.now() / 1000): string {
  const window = windowAt(nowSeconds);
  return `${window.toString(36)}.${mac(key, window).toString("base64url")}`;
}

export type NonceCheck = "fresh" | "stale" | "forged";

/**
 * Whether `nonce` is one this API issued (`forged` if not) in the last `MAX_AGE_WINDOWS` windows
 * (`stale` if earlier).
 *
 * @example
 * checkNonce(key, proof.nonce); // "fresh"
 */
export function checkNonce(key: Buffer, nonce: string, nowSeconds = Date.now() / 1000): NonceCheck {
  const match = /^([0-9a-z]{1,10})\.([A-Za-z0-9_-]{22})$/.exec(nonce);
  if (!match) return "forged";
  const window = Number.parseInt(match[1] ?? "", 36);
  const given = Buffer.from(match[2] ?? "", "base64url");
  if (given.length !== 16 || !timingSafeEqual(given, mac(key, window))) return "forged";
  const age = windowAt(nowSeconds) - window;
  return age >= 0 && age <= MAX_AGE_WINDOWS ? "fresh" : "stale";
}
