/**
 * Contract tests: wrong one-time codes are bounded per user, as Auth0 bounds them (a bucket of
 * 10, one back every 6 minutes), over every mfa_token and sign-in: asking for a new mfa_token
 * does not buy more guesses.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { MFA_MAX_ATTEMPTS } from "@/local-issuer/config";
import { OTP_BUCKET_SIZE } from "@/local-issuer/mfa/otp-attempts";
import { issuerForSuite } from "@/test-support/issuer-fixture";
import { demoSecret, mfaTokenOf, otpFor, verifyOtp } from "@/test-support/mfa-flow";

describe("wrong codes per user", () => {
  const issuer = issuerForSuite();

  test(`${OTP_BUCKET_SIZE} wrong codes over several mfa_tokens → a good code on a new one is too_many_attempts`, async () => {
    for (let wrong = 0; wrong < OTP_BUCKET_SIZE; wrong += MFA_MAX_ATTEMPTS) {
      const { mfaToken } = await mfaTokenOf(issuer().url);
      for (let attempt = 0; attempt < MFA_MAX_ATTEMPTS; attempt++) {
        assert.equal((await verifyOtp(issuer().url, mfaToken, "000000")).status, 403);
      }
    }
    const { mfaToken } = await mfaTokenOf(issuer().url);
    const { status, body } = await verifyOtp(issuer().url, mfaToken, otpFor(demoSecret));
    assert.equal(status, 429);
    assert.equal(body.error, "too_many_attempts");
    assert.equal(body.error_description, "Too many failed attempts. Try again in a few minutes.");
  });
});
