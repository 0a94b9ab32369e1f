import type { FileStore } from "@/local-issuer/storage/file-store";

/**
 * Wrong one-time codes per user, as Auth0 limits them: a bucket of 10 that refills one every
 * 6 minutes, shared by every way a code is checked (the mfa-otp grant, the sign-in code page)
 * and by every `mfa_token` and sign-in. A bound per token alone is reset by asking for a new one.
 */
export const OTP_BUCKET_SIZE = 10;
export const OTP_REFILL_MS = 6 * 60_000;

type Bucket = { left: number; updatedAt: number };

const key = (accountId: string) => `OtpAttempts:${accountId}`;

function bucketOf(store: FileStore, accountId: string, now: number): Bucket {
  const saved = store.get(key(accountId))?.payload as Bucket | undefined;
  if (!saved) return { left: OTP_BUCKET_SIZE, updatedAt: now };
  const refills = Math.floor((now - saved.updatedAt) / OTP_REFILL_MS);
  if (refills <= 0) return saved;
  return {
    left: Math.min(OTP_BUCKET_SIZE, saved.left + refills),
    updatedAt: saved.updatedAt + refills * OTP_REFILL_MS,
  };
}

/**
 * Whether the user may try a code now: false once 10 wrong codes have emptied the bucket.
 *
 * @example
 * if (!mayTryCode(store, accountId)) throw tooManyAttempts();
 */
export function mayTryCode(store: FileStore, accountId: string, now = Date.now()): boolean {
  return bucketOf(store, accountId, now).left > 0;
}

/**
 * Takes one wrong code out of the user's bucket.
 *
 * @example
 * if (!verifyOtp(store, accountId, code)) countWrongCode(store, accountId);
 */
export function countWrongCode(store: FileStore, accountId: string, now = Date.now()): void {
  const bucket = bucketOf(store, accountId, now);
  store.set(key(accountId), {
    payload: { left: Math.max(0, bucket.left - 1), updatedAt: bucket.updatedAt },
    expiresAt: null,
  });
}
