/**
 * Contract tests: Auth0's MFA API after a refused step-up (`mfa_token`): the authenticators list,
 * the OTP challenge, and the mfa-otp grant with its documented errors. demo@example.com has an
 * OTP authenticator (fixed local secret); a good code is accepted once, so each suite that needs
 * one has its own issuer.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { apis } from "@/config/apis";
import { localManagementClient } from "@/config/local-management-client";
import { MFA_MAX_ATTEMPTS } from "@/local-issuer/config";
import { issuerForSuite } from "@/test-support/issuer-fixture";
import {
  challengeOtp,
  demoSecret,
  mfaCall,
  mfaTokenOf,
  otpFor,
  verifyOtp,
} from "@/test-support/mfa-flow";
import { claimsOf, refresh } from "@/test-support/oauth-flow";

const management = {
  clientId: localManagementClient.clientId,
  clientSecret: localManagementClient.clientSecret,
};

describe("MFA API: authenticators and challenge", () => {
  const issuer = issuerForSuite();

  test("GET /mfa/authenticators lists the OTP and recovery-code authenticators with type", async () => {
    const { mfaToken } = await mfaTokenOf(issuer().url);
    const { status, body } = await mfaCall(issuer().url, "authenticators", { bearer: mfaToken });
    assert.equal(status, 200);
    assert.deepEqual(
      Object.values(body).map((item) => ({ ...(item as object), id: undefined })),
      [
        { id: undefined, authenticator_type: "otp", type: "otp", active: true },
        { id: undefined, authenticator_type: "recovery-code", type: "recovery-code", active: true },
      ],
    );
    assert.match(String((body[0] as { id: string }).id), /^totp\|dev_/);
    assert.match(String((body[1] as { id: string }).id), /^recovery-code\|dev_/);
  });

  test("GET /mfa/authenticators is [] for a user with none", async () => {
    const { mfaToken } = await mfaTokenOf(issuer().url, "second@example.com");
    const { status, body } = await mfaCall(issuer().url, "authenticators", { bearer: mfaToken });
    assert.equal(status, 200);
    assert.deepEqual(body, []);
  });

  test('POST /mfa/challenge with otp → { challenge_type: "otp" }', async () => {
    const { mfaToken } = await mfaTokenOf(issuer().url);
    const { status, body } = await challengeOtp(issuer().url, mfaToken);
    assert.equal(status, 200);
    assert.deepEqual(body, { challenge_type: "otp" });
  });

  test("POST /mfa/challenge for a user not enrolled → unsupported_challenge_type", async () => {
    const { mfaToken } = await mfaTokenOf(issuer().url, "second@example.com");
    const { status, body } = await challengeOtp(issuer().url, mfaToken);
    assert.equal(status, 400);
    assert.equal(body.error, "unsupported_challenge_type");
  });

  test("POST /mfa/challenge with a wrong client secret → 401 invalid_client", async () => {
    const { mfaToken } = await mfaTokenOf(issuer().url);
    const wrong = { clientId: management.clientId, clientSecret: "not-the-secret" };
    const { status, body } = await challengeOtp(issuer().url, mfaToken, wrong);
    assert.equal(status, 401);
    assert.equal(body.error, "invalid_client");
  });

  test("an mfa_token is refused to another client: Malformed mfa_token", async () => {
    const { mfaToken } = await mfaTokenOf(issuer().url);
    const { status, body } = await challengeOtp(issuer().url, mfaToken, management);
    assert.equal(status, 403);
    assert.deepEqual(body, { error: "invalid_grant", error_description: "Malformed mfa_token" });
  });

  test("a made-up mfa_token → invalid_grant Malformed mfa_token", async () => {
    const { status, body } = await verifyOtp(issuer().url, "made-up", otpFor(demoSecret));
    assert.equal(status, 403);
    assert.deepEqual(body, { error: "invalid_grant", error_description: "Malformed mfa_token" });
  });

  test("the mfa-otp grant is advertised in discovery", async () => {
    const response = await fetch(new URL(".well-known/openid-configuration", issuer().url));
    const discovery = (await response.json()) as { grant_types_supported: string[] };
    assert.ok(
      discovery.grant_types_supported.includes("http://auth0.com/oauth/grant-type/mfa-otp"),
    );
  });
});

describe("mfa-otp grant: the code gives the refused token", () => {
  const issuer = issuerForSuite();

  test("a good code → Bearer token with refund:orders for the Orders API, no amr", async () => {
    const { mfaToken, refreshToken } = await mfaTokenOf(issuer().url);
    const { status, body } = await verifyOtp(issuer().url, mfaToken, otpFor(demoSecret));
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.token_type, "Bearer");
    assert.equal(body.expires_in, 600);
    assert.equal(body.scope, "openid profile email offline_access read:orders refund:orders");
    assert.equal(body.refresh_token, undefined, "the SDK keeps its own refresh token");
    const claims = claimsOf(body.access_token);
    assert.equal((claims.aud as string[])[0], apis.orders.audience);
    assert.match(String(claims.scope), /\brefund:orders\b/);
    assert.equal(claims.amr, undefined);
    assert.equal(claimsOf(body.id_token).amr, undefined, "MFA API tokens carry no amr");

    // The refused refresh token still works, and still needs MFA for refunds.
    const again = await refresh(issuer().url, refreshToken, { audience: apis.orders.audience });
    assert.equal(again.status, 200);
  });

  test("a wrong code → 403 invalid_grant Invalid otp_code.; the next step's code too", async () => {
    const { mfaToken } = await mfaTokenOf(issuer().url);
    for (const code of ["000000", otpFor(demoSecret, 2), otpFor(demoSecret, 1)]) {
      const { status, body } = await verifyOtp(issuer().url, mfaToken, code);
      assert.equal(status, 403);
      assert.deepEqual(body, { error: "invalid_grant", error_description: "Invalid otp_code." });
    }
  });

  test(`${MFA_MAX_ATTEMPTS} wrong codes → too_many_attempts, even for a good code`, async () => {
    const { mfaToken } = await mfaTokenOf(issuer().url);
    for (let attempt = 0; attempt < MFA_MAX_ATTEMPTS; attempt++) {
      assert.equal((await verifyOtp(issuer().url, mfaToken, "000000")).status, 403);
    }
    const { status, body } = await verifyOtp(issuer().url, mfaToken, otpFor(demoSecret));
    assert.equal(status, 429);
    assert.equal(body.error, "too_many_attempts");
  });
});

describe("mfa-otp grant: a code works once", () => {
  const issuer = issuerForSuite();

  test("the same code used again (same 30-s step) → invalid_grant Invalid otp_code.", async () => {
    const code = otpFor(demoSecret);
    const first = await verifyOtp(issuer().url, (await mfaTokenOf(issuer().url)).mfaToken, code);
    assert.equal(first.status, 200);
    const second = await verifyOtp(issuer().url, (await mfaTokenOf(issuer().url)).mfaToken, code);
    assert.equal(second.status, 403);
    assert.deepEqual(second.body, {
      error: "invalid_grant",
      error_description: "Invalid otp_code.",
    });
  });
});

describe("mfa-otp grant: an mfa_token is spent by its success", () => {
  const issuer = issuerForSuite();

  test("the same mfa_token again, with another good code → invalid_grant Malformed mfa_token", async () => {
    const { mfaToken } = await mfaTokenOf(issuer().url);
    // Two codes are good at once (this step's and the previous one): no waiting for a new step.
    const first = await verifyOtp(issuer().url, mfaToken, otpFor(demoSecret, -1));
    assert.equal(first.status, 200);
    const replay = await verifyOtp(issuer().url, mfaToken, otpFor(demoSecret));
    assert.equal(replay.status, 403);
    assert.deepEqual(replay.body, {
      error: "invalid_grant",
      error_description: "Malformed mfa_token",
    });
  });
});

describe("mfa-otp grant: a good code for a scope or API that was not refused", () => {
  const issuer = issuerForSuite();

  test("asking for more, or for another API, gives only the refused request's token", async () => {
    for (const [steps, ask] of [
      [-1, { audience: apis.profile.audience, scope: "openid read:profile write:profile" }],
      [
        0,
        {
          audience: apis.orders.audience,
          scope: "openid read:orders write:orders refund:orders read:reports",
        },
      ],
    ] as const) {
      const { mfaToken } = await mfaTokenOf(issuer().url);
      const { status, body } = await verifyOtp(
        issuer().url,
        mfaToken,
        otpFor(demoSecret, steps),
        ask,
      );
      assert.equal(status, 200, JSON.stringify(body));
      assert.equal(body.scope, "openid profile email offline_access read:orders refund:orders");
      const claims = claimsOf(body.access_token);
      assert.deepEqual(claims.aud, [apis.orders.audience, new URL("/userinfo", issuer().url).href]);
      assert.doesNotMatch(String(claims.scope), /write:|read:profile|read:reports/);
    }
  });
});

describe("mfa-otp grant: the previous step's code", () => {
  const issuer = issuerForSuite();

  test("the code of the previous 30-s step is still accepted (a 60-s window)", async () => {
    const { mfaToken } = await mfaTokenOf(issuer().url);
    const { status } = await verifyOtp(issuer().url, mfaToken, otpFor(demoSecret, -1));
    assert.equal(status, 200);
  });
});

describe("mfa_token lifetime (shortened to 1 s here; 600 s by default, as Auth0's)", () => {
  const issuer = issuerForSuite({ mfaTokenTtl: 1 });

  test("an expired mfa_token → expired_token mfa_token is expired", async () => {
    const { mfaToken } = await mfaTokenOf(issuer().url);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const { status, body } = await verifyOtp(issuer().url, mfaToken, otpFor(demoSecret));
    assert.equal(status, 401);
    assert.deepEqual(body, { error: "expired_token", error_description: "mfa_token is expired" });
  });
});
