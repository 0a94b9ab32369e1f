import { createHash, randomBytes } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import { demoUsers, type DemoUser } from "@/config/demo-users";
import type { FileStore } from "@/local-issuer/storage/file-store";
import { countWrongCode, mayTryCode } from "./otp-attempts";

/** A user's one-time-password authenticator, as the issuer keeps it in its state. */
export type OtpEnrolment = {
  /** Auth0-shaped ids: `totp|dev_…` and `recovery-code|dev_…`. */
  id: string;
  recoveryId: string;
  secret: string;
  /** False between `/mfa/associate` and the first good code, as on Auth0. */
  confirmed: boolean;
  /** The last 30-s step a code was accepted for: a code cannot be used twice. */
  lastStep: number;
};

const key = (accountId: string) => `MfaEnrolment:${accountId}`;
const devId = (seed: string) =>
  `dev_${createHash("sha256").update(seed).digest("hex").slice(0, 16)}`;

/** The TOTP parameters Auth0's authenticator apps use: SHA1, 6 digits, 30 s. */
export function totpFor(secret: string, label = "user"): TOTP {
  return new TOTP({
    issuer: "local-issuer",
    label,
    secret: Secret.fromBase32(secret),
    algorithm: "SHA1",
    digits: 6,
    period: 30,
  });
}

/**
 * The user's OTP authenticator: the one saved in the state (associated, or used once), else the
 * demo user's fixed one from `config/demo-users.ts`, else undefined (not enrolled).
 *
 * @example
 * findEnrolment(store, "auth0|local-demo-user")?.confirmed; // true
 */
export function findEnrolment(store: FileStore, accountId: string): OtpEnrolment | undefined {
  const saved = store.get(key(accountId));
  if (saved) return saved.payload as OtpEnrolment;
  const user: DemoUser | undefined = demoUsers.find((candidate) => candidate.id === accountId);
  if (!user?.totpSecret) return undefined;
  const id = devId(accountId);
  return {
    id: `totp|${id}`,
    recoveryId: `recovery-code|${id}`,
    secret: user.totpSecret,
    confirmed: true,
    lastStep: 0,
  };
}

/**
 * Starts an OTP enrolment (`/mfa/associate`, or the enrolment page): a new secret, saved
 * unconfirmed, so that it survives a restart. Returns it with a one-time recovery code.
 *
 * @example
 * const { enrolment, recoveryCode } = associateOtp(store, "auth0|local-second-user");
 */
export function associateOtp(
  store: FileStore,
  accountId: string,
): { enrolment: OtpEnrolment; recoveryCode: string } {
  const id = devId(`${accountId}:${randomBytes(8).toString("hex")}`);
  const enrolment: OtpEnrolment = {
    id: `totp|${id}`,
    recoveryId: `recovery-code|${id}`,
    secret: new Secret({ size: 20 }).base32,
    confirmed: false,
    lastStep: 0,
  };
  store.set(key(accountId), { payload: enrolment, expiresAt: null });
  const recoveryCode = randomBytes(15).toString("hex").toUpperCase().slice(0, 24);
  return { enrolment, recoveryCode };
}

/**
 * Checks a code as Auth0 does: the current 30-s step or the previous one, never a step already
 * used, and not once the user's wrong codes have emptied their bucket (`otp-attempts.ts`); a
 * wrong code takes one out. A good code confirms a pending enrolment and is remembered, both in
 * the state.
 *
 * @example
 * verifyOtp(store, "auth0|local-demo-user", "123456"); // false
 */
export function verifyOtp(store: FileStore, accountId: string, code: string): boolean {
  const enrolment = findEnrolment(store, accountId);
  if (!enrolment || !mayTryCode(store, accountId)) return false;
  if (!checkCode(store, accountId, enrolment, code)) {
    countWrongCode(store, accountId);
    return false;
  }
  return true;
}

function checkCode(
  store: FileStore,
  accountId: string,
  enrolment: OtpEnrolment,
  code: string,
): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  const totp = totpFor(enrolment.secret);
  const delta = totp.validate({ token: code, window: 1 });
  // A code of the next step (delta 1) is refused: Auth0 accepts the previous one only.
  if (delta === null || delta > 0) return false;
  const step = totp.counter() + delta;
  if (step <= enrolment.lastStep) return false;
  store.set(key(accountId), {
    payload: { ...enrolment, confirmed: true, lastStep: step },
    expiresAt: null,
  });
  return true;
}
