/**
 * Contract tests: DPoP at the token endpoint, as Auth0 answers a confidential client that sends
 * proofs (`useDPoP` in the SDK). A proof binds the access token (`cnf.jkt`, `token_type: "DPoP"`)
 * and the refresh token, on the code exchange and on every refresh; a bound refresh token works
 * only with its key; the Payments API gets tokens only with a proof. Without proofs nothing changes.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { apis } from "@/config/apis";
import { localClient } from "@/config/local-client";
import { dpopLogin, dpopRefresh, tokenProof, tokenUrl } from "@/test-support/dpop-flow";
import { dpopKey, type DpopKey } from "@/test-support/dpop-proofs";
import { issuerForSuite } from "@/test-support/issuer-fixture";
import { OIDC, refundAsk } from "@/test-support/mfa-flow";
import { claimsOf, login, refresh } from "@/test-support/oauth-flow";

describe("DPoP at the token endpoint (Auth0 sender constraining)", () => {
  const issuer = issuerForSuite();
  const profile = { audience: apis.profile.audience };

  async function boundSession() {
    const key = await dpopKey();
    const { status, body } = await dpopLogin(issuer().url, key, profile);
    assert.equal(status, 200, JSON.stringify(body));
    return { key, refreshToken: body.refresh_token ?? assert.fail("a refresh token") };
  }

  /** A refresh with a fresh proof of `key`. */
  const refreshWith = async (
    refreshToken: string,
    key: DpopKey,
    extra?: { audience?: string; scope?: string },
  ) => dpopRefresh(issuer().url, refreshToken, await tokenProof(issuer().url, key), extra);

  test("a code exchange with a proof answers token_type DPoP and an access token with cnf.jkt", async () => {
    const key = await dpopKey();
    const { status, body } = await dpopLogin(issuer().url, key, profile);
    assert.equal(status, 200);
    assert.equal(body.token_type, "DPoP");
    assert.deepEqual(claimsOf(body.access_token).cnf, { jkt: key.jkt });
  });

  test("the token endpoint sends no DPoP-Nonce to this confidential client (Auth0: public clients only)", async () => {
    const { key, refreshToken } = await boundSession();
    const response = await fetch(tokenUrl(issuer().url), {
      method: "POST",
      headers: { DPoP: await tokenProof(issuer().url, key) },
      body: new URLSearchParams({
        client_id: localClient.clientId,
        client_secret: localClient.clientSecret,
        grant_type: "refresh_token",
        refresh_token: refreshToken,
      }),
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("dpop-nonce"), null);
  });

  test("a refresh with the same key's proof gives a bound token, and the rotated refresh token stays bound", async () => {
    const { key, refreshToken } = await boundSession();
    const first = await refreshWith(refreshToken, key);
    assert.equal(first.status, 200);
    assert.equal(first.body.token_type, "DPoP");
    assert.deepEqual(claimsOf(first.body.access_token).cnf, { jkt: key.jkt });
    const next = first.body.refresh_token ?? assert.fail("rotated");
    const other = await dpopKey();
    const stolen = await refreshWith(next, other);
    assert.equal(stolen.status, 400);
    assert.equal(stolen.body.error, "invalid_grant");
  });

  test("a bound refresh token with another key's proof: invalid_grant, nothing spent, no reuse detected", async () => {
    const { key, refreshToken } = await boundSession();
    const thief = await dpopKey();
    const refused = await refreshWith(refreshToken, thief);
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error, "invalid_grant");
    const owner = await refreshWith(refreshToken, key);
    assert.equal(owner.status, 200, "the refresh token was not spent");
    assert.equal(issuer().stats.snapshot().refreshTokenReuse.revoked, 0);
  });

  test("a bound refresh token without a proof (a Bearer downgrade) is refused and not spent", async () => {
    const { key, refreshToken } = await boundSession();
    const refused = await refresh(issuer().url, refreshToken);
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error, "invalid_grant");
    const owner = await refreshWith(refreshToken, key);
    assert.equal(owner.status, 200);
  });

  test("malformed, replayed and for-another-URL proofs: 400 invalid_dpop_proof, the refresh token not spent", async () => {
    const { key, refreshToken } = await boundSession();
    const replayed = await tokenProof(issuer().url, key);
    assert.equal((await dpopRefresh(issuer().url, refreshToken, replayed)).status, 200);
    const rotatedOnce = await dpopLogin(issuer().url, key, profile);
    const fresh = rotatedOnce.body.refresh_token ?? assert.fail("a refresh token");
    const bad = {
      "not a JWT": "not-a-jwt",
      replayed,
      "another URL": await key.proof("POST", new URL("oauth/other", issuer().url).href),
      "another method": await key.proof("GET", tokenUrl(issuer().url)),
      "too old": await key.proof("POST", tokenUrl(issuer().url), {
        claims: { iat: Math.floor(Date.now() / 1000) - 3600 },
      }),
      "with a nonce": await key.proof("POST", tokenUrl(issuer().url), { claims: { nonce: "n" } }),
    };
    for (const [what, proof] of Object.entries(bad)) {
      const { status, body } = await dpopRefresh(issuer().url, fresh, proof);
      assert.equal(status, 400, what);
      assert.equal(body.error, "invalid_dpop_proof", what);
      assert.equal(typeof body.error_description, "string", what);
    }
    const owner = await refreshWith(fresh, key);
    assert.equal(owner.status, 200, "none of them spent the refresh token");
  });

  test("a malformed proof at the code exchange: 400 invalid_dpop_proof", async () => {
    const key = await dpopKey();
    const { status, body } = await dpopLogin(issuer().url, key, { ...profile, proof: "x.y.z" });
    assert.equal(status, 400);
    assert.equal(body.error, "invalid_dpop_proof");
  });

  test("MRRT with a proof: a refresh for another audience gives a bound token for it", async () => {
    const { key, refreshToken } = await boundSession();
    const { status, body } = await refreshWith(refreshToken, key, {
      audience: apis.orders.audience,
    });
    assert.equal(status, 200);
    assert.equal(body.token_type, "DPoP");
    const claims = claimsOf(body.access_token);
    assert.deepEqual(claims.aud, [apis.orders.audience, `${issuer().url}userinfo`]);
    assert.deepEqual(claims.cnf, { jkt: key.jkt });
  });

  test("step-up still applies with DPoP: refund:orders without MFA is mfa_required, the bound refresh token not spent", async () => {
    const { key, refreshToken } = await boundSession();
    const refused = await refreshWith(refreshToken, key, refundAsk);
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error, "mfa_required");
    const plain = await refreshWith(refreshToken, key, {
      audience: apis.orders.audience,
    });
    assert.equal(plain.status, 200);
    assert.equal(plain.body.scope, `${OIDC} read:orders write:orders`);
  });

  test("the Payments API: no token without a proof (invalid_request), a bound one with a proof", async () => {
    const payments = { audience: apis.payments.audience };
    const { key, refreshToken } = await boundSession();
    const bearer = await login(issuer().url, profile);
    const refused = await refresh(issuer().url, bearer.body.refresh_token ?? "", payments);
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error, "invalid_request");
    assert.equal(
      refused.body.error_description,
      `DPoP proof is required for the API ${apis.payments.audience}`,
    );
    assert.equal(
      (await refresh(issuer().url, bearer.body.refresh_token ?? "", profile)).status,
      200,
      "the refused refresh spent nothing",
    );
    const bound = await refreshWith(refreshToken, key, payments);
    assert.equal(bound.status, 200);
    assert.equal(bound.body.scope, `${OIDC} read:payments write:payments`);
    assert.deepEqual(claimsOf(bound.body.access_token).cnf, { jkt: key.jkt });
  });

  test("the Payments API as the login audience: the code exchange without a proof is refused", async () => {
    const key = await dpopKey();
    const payments = { audience: apis.payments.audience };
    const refused = await dpopLogin(issuer().url, key, { ...payments, proof: null });
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error, "invalid_request");
    const bound = await dpopLogin(issuer().url, key, payments);
    assert.equal(bound.status, 200);
    assert.equal(bound.body.token_type, "DPoP");
  });

  test("/userinfo refuses a DPoP-bound access token sent as Bearer (no downgrade)", async () => {
    const key = await dpopKey();
    const { body } = await dpopLogin(issuer().url, key, profile);
    const response = await fetch(new URL("userinfo", issuer().url), {
      headers: { Authorization: `Bearer ${body.access_token}` },
    });
    assert.equal(response.status, 401);
    assert.match(response.headers.get("www-authenticate") ?? "", /DPoP-bound/);
  });

  test("Bearer sessions are unchanged: no proof, token_type Bearer and no cnf", async () => {
    const { body } = await login(issuer().url, profile);
    assert.equal(body.token_type, "Bearer");
    assert.equal(claimsOf(body.access_token).cnf, undefined);
    const refreshed = await refresh(issuer().url, body.refresh_token ?? "", {
      audience: apis.orders.audience,
    });
    assert.equal(refreshed.body.token_type, "Bearer");
    assert.equal(claimsOf(refreshed.body.access_token).cnf, undefined);
  });
});
