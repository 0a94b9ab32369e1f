/**
 * Test-only: the step-up MFA calls the SDK makes to an Auth0 tenant, against the local issuer: a
 * refund refresh refused with an `mfa_token`, Auth0's MFA API, the mfa-otp grant, and codes.
 */
import assert from "node:assert/strict";
import { Secret, TOTP } from "otpauth";
import { apis } from "@/config/apis";
import { demoUsers } from "@/config/demo-users";
import { localClient } from "@/config/local-client";
import { MFA_OTP_GRANT } from "@/local-issuer/config";
import { login, refresh, tokenRequest, type ClientCredentials } from "./oauth-flow";

export const OIDC = "openid profile email offline_access";
/** A refresh that asks for the step-up scope by name, as `getAccessToken({ scope })` does. */
export const refundAsk = {
  audience: apis.orders.audience,
  scope: `${OIDC} read:orders refund:orders`,
};
export const demoSecret = demoUsers[0].totpSecret;

/** The current code for a base32 secret; `steps` moves it (-1: the previous 30-s step). */
export function otpFor(secret: string, steps = 0): string {
  const totp = new TOTP({
    secret: Secret.fromBase32(secret),
    algorithm: "SHA1",
    digits: 6,
    period: 30,
  });
  return totp.generate({ timestamp: Date.now() + steps * 30_000 });
}

const lastStepUsed = new Map<string, number>();

/**
 * A code for `secret` that this process has not used yet: the issuer refuses a code used twice
 * in its 30-s step, so when this step's code was used, it waits for the next step.
 *
 * @example
 * await page.getByLabel("One-time code").fill(await freshOtp(demoSecret));
 */
export async function freshOtp(secret: string): Promise<string> {
  const step = () => Math.floor(Date.now() / 30_000);
  if (lastStepUsed.get(secret) === step()) {
    await new Promise((resolve) => setTimeout(resolve, (step() + 1) * 30_000 - Date.now() + 50));
  }
  lastStepUsed.set(secret, step());
  return otpFor(secret);
}

/** A user's refresh token from a password login (Profile API, offline_access). */
export async function refreshTokenOf(issuer: string, email = "demo@example.com"): Promise<string> {
  const password = demoUsers.find((user) => user.email === email)?.password ?? "";
  const { body } = await login(issuer, { audience: apis.profile.audience, email, password });
  return body.refresh_token ?? assert.fail("login returns a refresh token");
}

/** Signs in and asks for `refund:orders`: the `mfa_token` of the 403 and the refresh token. */
export async function mfaTokenOf(
  issuer: string,
  email = "demo@example.com",
): Promise<{ mfaToken: string; refreshToken: string; requirements: unknown }> {
  const refreshToken = await refreshTokenOf(issuer, email);
  const { status, body } = await refresh(issuer, refreshToken, refundAsk);
  assert.equal(status, 403, JSON.stringify(body));
  return { mfaToken: String(body.mfa_token), refreshToken, requirements: body.mfa_requirements };
}

/** One call to Auth0's MFA API: JSON in, JSON out, optional Bearer `mfa_token`. */
export async function mfaCall(
  issuer: string,
  path: "authenticators" | "associate" | "challenge",
  options: { bearer?: string; body?: Record<string, unknown> } = {},
): Promise<{ status: number; body: Record<string, unknown> & Record<number, unknown> }> {
  const response = await fetch(new URL(`mfa/${path}`, issuer), {
    method: options.body ? "POST" : "GET",
    headers: {
      ...(options.bearer ? { authorization: `Bearer ${options.bearer}` } : {}),
      ...(options.body ? { "content-type": "application/json" } : {}),
    },
    body: options.body ? JSON.stringify(options.body) : undefined,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** `POST /mfa/challenge` for OTP, the client authenticating in the body as the SDK does. */
export function challengeOtp(
  issuer: string,
  mfaToken: string,
  client: ClientCredentials = localClient,
) {
  return mfaCall(issuer, "challenge", {
    body: {
      client_id: client.clientId,
      client_secret: client.clientSecret,
      mfa_token: mfaToken,
      challenge_type: "otp",
    },
  });
}

/**
 * The mfa-otp grant as the SDK's verify sends it (`audience` and `scope` from its JWE, unless
 * `ask` names others).
 */
export function verifyOtp(
  issuer: string,
  mfaToken: string,
  otp: string,
  ask: { audience: string; scope: string } = refundAsk,
) {
  return tokenRequest(issuer, { grant_type: MFA_OTP_GRANT, mfa_token: mfaToken, otp, ...ask });
}
