/**
 * Contract tests: Auth0's Multi-Resource Refresh Token rules at the token endpoint. The client's
 * policy allows the Profile API (read/write:profile) and the Orders API (read/write:orders); the
 * Reports API exists but is outside the policy. Every test signs in for the Profile API with
 * "openid profile email offline_access read:profile".
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { apis } from "@/config/apis";
import { issuerForSuite } from "@/test-support/issuer-fixture";
import { claimsOf, login, refresh } from "@/test-support/oauth-flow";

const OIDC = "openid profile email offline_access";

describe("MRRT rules (Auth0-like: unknown audiences ignored)", () => {
  const issuer = issuerForSuite();

  /** A fresh login per test keeps the tests independent of rotation. */
  async function loginForProfile(): Promise<string> {
    const { body } = await login(issuer().url, { audience: apis.profile.audience });
    assert.ok(body.refresh_token, "login returns a refresh token (offline_access)");
    return body.refresh_token;
  }

  test("rule 1: no audience → the login audience with login scopes plus its policy scopes", async () => {
    const { status, body } = await refresh(issuer().url, await loginForProfile());
    assert.equal(status, 200);
    assert.equal(body.scope, `${OIDC} read:profile write:profile`);
    assert.deepEqual(claimsOf(body.access_token).aud, [
      apis.profile.audience,
      `${issuer().url}userinfo`,
    ]);
  });

  test("rule 2: audience in the policy with a subset of its scopes → exactly those scopes", async () => {
    const { status, body } = await refresh(issuer().url, await loginForProfile(), {
      audience: apis.orders.audience,
      scope: `${OIDC} read:orders`,
    });
    assert.equal(status, 200);
    assert.equal(body.scope, `${OIDC} read:orders`);
    assert.equal(claimsOf(body.access_token).scope, `${OIDC} read:orders`);
    assert.deepEqual(claimsOf(body.access_token).aud, [
      apis.orders.audience,
      `${issuer().url}userinfo`,
    ]);
  });

  test("rule 2: audience in the policy, scope omitted → all of the policy's scopes", async () => {
    const { body } = await refresh(issuer().url, await loginForProfile(), {
      audience: apis.orders.audience,
    });
    assert.equal(body.scope, `${OIDC} read:orders write:orders`);
    assert.equal((claimsOf(body.access_token).aud as string[])[0], apis.orders.audience);
  });

  test("rule 3: requested scopes the policy does not allow are silently dropped", async () => {
    const { status, body } = await refresh(issuer().url, await loginForProfile(), {
      audience: apis.orders.audience,
      scope: "openid read:orders delete:orders read:reports read:profile",
    });
    assert.equal(status, 200);
    assert.equal(body.scope, "openid read:orders");
  });

  test("rule 4: audience outside the policy → silently a token for the login audience", async () => {
    const { status, body } = await refresh(issuer().url, await loginForProfile(), {
      audience: apis.reports.audience,
      scope: `${OIDC} read:reports`,
    });
    assert.equal(status, 200);
    assert.equal(body.scope, `${OIDC} read:profile write:profile`);
    assert.equal((claimsOf(body.access_token).aud as string[])[0], apis.profile.audience);
  });

  test("rule 5: the login audience again → login scopes plus its policy scopes", async () => {
    const { body } = await refresh(issuer().url, await loginForProfile(), {
      audience: apis.profile.audience,
    });
    assert.equal(body.scope, `${OIDC} read:profile write:profile`);
    assert.equal((claimsOf(body.access_token).aud as string[])[0], apis.profile.audience);
  });

  test("the refresh response has every field the SDK reads", async () => {
    const { body } = await refresh(issuer().url, await loginForProfile(), {
      audience: apis.orders.audience,
    });
    assert.equal(body.token_type, "Bearer");
    assert.equal(body.expires_in, 600);
    assert.ok(body.refresh_token && body.id_token && body.access_token);
  });
});

describe("MRRT rule 4 in strict mode (LOCAL_ISSUER_MRRT_STRICT=true)", () => {
  const issuer = issuerForSuite({ strict: true });

  test("rule 4 strict: audience outside the policy → 400 access_denied naming the audience", async () => {
    const { body: tokens } = await login(issuer().url, { audience: apis.profile.audience });
    const { status, body } = await refresh(issuer().url, tokens.refresh_token ?? "", {
      audience: apis.reports.audience,
    });
    assert.equal(status, 400);
    assert.equal(body.error, "access_denied");
    assert.match(body.error_description ?? "", /reports-api\.example\.com/);

    const stillValid = await refresh(issuer().url, tokens.refresh_token ?? "");
    assert.equal(stillValid.status, 200, "a refused audience does not spend the refresh token");
  });
});
