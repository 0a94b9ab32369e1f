/**
 * Contract tests: OTP enrolment through Auth0's MFA API for a user with no authenticator
 * (second@example.com): associate, challenge, verify with the new secret; the enrolment is kept
 * in the issuer's state across a restart, and an enrolled user cannot associate again.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { startLocalTestIssuer } from "@/test-support/issuer-fixture";
import { challengeOtp, mfaCall, mfaTokenOf, otpFor, verifyOtp } from "@/test-support/mfa-flow";
import { claimsOf } from "@/test-support/oauth-flow";

const second = "second@example.com";

describe("OTP enrolment (POST /mfa/associate)", () => {
  const stateDir = mkdtempSync(join(tmpdir(), "local-issuer-mfa-"));
  after(() => rmSync(stateDir, { recursive: true, force: true }));
  let secret = "";

  test("associate → otp secret, otpauth barcode_uri and recovery codes; challenge, then the code verifies", async () => {
    const issuer = await startLocalTestIssuer({ stateDir });
    try {
      const { mfaToken } = await mfaTokenOf(issuer.url, second);
      const associated = await mfaCall(issuer.url, "associate", {
        bearer: mfaToken,
        body: { authenticator_types: ["otp"] },
      });
      assert.equal(associated.status, 200, JSON.stringify(associated.body));
      const { body } = associated;
      assert.equal(body.authenticator_type, "otp");
      assert.match(String(body.id), /^totp\|dev_/);
      assert.match(String(body.secret), /^[A-Z2-7]{32}$/);
      assert.match(
        String(body.barcode_uri),
        /^otpauth:\/\/totp\/.*secret=.*algorithm=SHA1&digits=6&period=30/,
      );
      assert.ok(Array.isArray(body.recovery_codes) && body.recovery_codes.length === 1);
      secret = String(body.secret);

      assert.deepEqual((await challengeOtp(issuer.url, mfaToken)).body, { challenge_type: "otp" });
      const verified = await verifyOtp(issuer.url, mfaToken, otpFor(secret));
      assert.equal(verified.status, 200, JSON.stringify(verified.body));
      assert.match(String(claimsOf(verified.body.access_token).scope), /\brefund:orders\b/);
    } finally {
      await issuer.close();
    }
  });

  test("the enrolment survives a restart: the next step-up challenges, and associate is refused", async () => {
    assert.ok(secret, "the test above enrolled the user");
    const issuer = await startLocalTestIssuer({ stateDir });
    try {
      const refused = await mfaTokenOf(issuer.url, second);
      assert.deepEqual(refused.requirements, { challenge: [{ type: "otp" }] });
      const listed = await mfaCall(issuer.url, "authenticators", { bearer: refused.mfaToken });
      assert.equal((listed.body as unknown as unknown[]).length, 2);
      const again = await mfaCall(issuer.url, "associate", {
        bearer: refused.mfaToken,
        body: { authenticator_types: ["otp"] },
      });
      assert.equal(again.status, 403);
      assert.deepEqual(again.body, {
        error: "access_denied",
        error_description: "User is already enrolled.",
      });
    } finally {
      await issuer.close();
    }
  });
});
