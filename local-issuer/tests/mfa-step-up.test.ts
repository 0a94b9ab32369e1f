/**
 * Contract tests: step-up MFA on refresh, as an Auth0 tenant with the recommended Action answers
 * it. `refund:orders` (Orders API) needs MFA: asked for by name without it, the refresh grant
 * answers 403 `mfa_required` with an `mfa_token`; not asked for, it is removed.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { apis } from "@/config/apis";
import { localClient } from "@/config/local-client";
import { issuerForSuite } from "@/test-support/issuer-fixture";
import { OIDC, refreshTokenOf, refundAsk } from "@/test-support/mfa-flow";
import { claimsOf, refresh } from "@/test-support/oauth-flow";

describe("step-up MFA on refresh (Auth0 Action: refund:orders needs MFA)", () => {
  const issuer = issuerForSuite();

  test("refund:orders asked for without MFA → 403 mfa_required with mfa_token and challenge requirements", async () => {
    const response = await fetch(new URL("oauth/token", issuer().url), {
      method: "POST",
      body: new URLSearchParams({
        client_id: localClient.clientId,
        client_secret: localClient.clientSecret,
        grant_type: "refresh_token",
        refresh_token: await refreshTokenOf(issuer().url),
        ...refundAsk,
      }),
    });
    assert.equal(response.status, 403);
    assert.equal(response.headers.get("www-authenticate"), null, "the SDK must read the body");
    const body = (await response.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body).sort(), [
      "error",
      "error_description",
      "mfa_requirements",
      "mfa_token",
    ]);
    assert.equal(body.error, "mfa_required");
    assert.equal(body.error_description, "Multifactor authentication required");
    assert.match(String(body.mfa_token), /^[\w-]{40,}$/);
    assert.deepEqual(body.mfa_requirements, { challenge: [{ type: "otp" }] });
  });

  test("mfa_required leaves the refresh token valid: not rotated, not spent, no reuse detected", async () => {
    const token = await refreshTokenOf(issuer().url);
    assert.equal((await refresh(issuer().url, token, refundAsk)).status, 403);
    const plain = await refresh(issuer().url, token, { audience: apis.orders.audience });
    assert.equal(plain.status, 200);
    assert.equal(issuer().stats.snapshot().refreshTokenReuse.revoked, 0);
  });

  test("a user with no authenticator is asked to enrol: mfa_requirements.enroll otp", async () => {
    const token = await refreshTokenOf(issuer().url, "second@example.com");
    const { status, body } = await refresh(issuer().url, token, refundAsk);
    assert.equal(status, 403);
    assert.deepEqual(body.mfa_requirements, { enroll: [{ type: "otp" }] });
  });

  test("a plain Orders refresh (scope omitted) never gets refund:orders and needs no MFA", async () => {
    const { status, body } = await refresh(issuer().url, await refreshTokenOf(issuer().url), {
      audience: apis.orders.audience,
    });
    assert.equal(status, 200);
    assert.equal(body.scope, `${OIDC} read:orders write:orders`);
    assert.doesNotMatch(String(claimsOf(body.access_token).scope), /refund/);
  });

  test("scopes asked for without refund:orders are granted as before", async () => {
    const { status, body } = await refresh(issuer().url, await refreshTokenOf(issuer().url), {
      audience: apis.orders.audience,
      scope: `${OIDC} read:orders write:orders`,
    });
    assert.equal(status, 200);
    assert.equal(body.scope, `${OIDC} read:orders write:orders`);
  });
});
