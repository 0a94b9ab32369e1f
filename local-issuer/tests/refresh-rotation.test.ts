/**
 * Contract tests: refresh token rotation, reuse detection (the whole grant is revoked) and the
 * reuse interval, at the token endpoint.
 */
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, test } from "node:test";
import { apis } from "@/config/apis";
import { localClient } from "@/config/local-client";
import type { IssuerStatsSnapshot } from "@/local-issuer/stats/issuer-stats";
import { issuerForSuite } from "@/test-support/issuer-fixture";
import { login, refresh } from "@/test-support/oauth-flow";

async function refreshTokenFor(issuerUrl: string): Promise<string> {
  const { body } = await login(issuerUrl, { audience: apis.profile.audience });
  return body.refresh_token ?? assert.fail("login returned no refresh token");
}

describe("rotation and reuse detection (reuse interval 0, Auth0's default)", () => {
  const issuer = issuerForSuite({ testEndpoints: true });

  test("rotation: every refresh returns a new refresh token", async () => {
    const first = await refreshTokenFor(issuer().url);
    const second = (await refresh(issuer().url, first)).body.refresh_token;
    const third = (await refresh(issuer().url, second ?? "")).body.refresh_token;
    assert.ok(second && third);
    assert.equal(new Set([first, second, third]).size, 3);
  });

  test("reuse detection: a spent token fails with invalid_grant and revokes the grant", async () => {
    const first = await refreshTokenFor(issuer().url);
    const rotated = await refresh(issuer().url, first);
    assert.equal(rotated.status, 200);

    const reuse = await refresh(issuer().url, first);
    assert.equal(reuse.status, 400);
    assert.equal(reuse.body.error, "invalid_grant");

    const newest = await refresh(issuer().url, rotated.body.refresh_token ?? "");
    assert.equal(newest.status, 400, "the newest token of the family stops working too");
    assert.equal(newest.body.error, "invalid_grant");

    const response = await fetch(new URL("__test/stats", issuer().url));
    const stats = (await response.json()) as IssuerStatsSnapshot;
    assert.equal(stats.grants.refresh_token?.[apis.profile.audience], 3, "counted per audience");
    assert.equal(stats.refreshTokenReuse.revoked, 1);
    assert.equal(stats.revokedGrants, 1);
    assert.equal(stats.invalidGrant, 2);
  });

  test("revocation (as the SDK does at logout) revokes the grant of a refresh token", async () => {
    const token = await refreshTokenFor(issuer().url);
    const response = await fetch(new URL("oauth/revoke", issuer().url), {
      method: "POST",
      body: new URLSearchParams({
        token,
        client_id: localClient.clientId,
        client_secret: localClient.clientSecret,
      }),
    });
    assert.equal(response.status, 200);
    assert.equal((await refresh(issuer().url, token)).body.error, "invalid_grant");
  });

  test("concurrent refreshes with one token: one succeeds, the other is a reuse", async () => {
    const token = await refreshTokenFor(issuer().url);
    const results = await Promise.all([refresh(issuer().url, token), refresh(issuer().url, token)]);
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 400]);
  });
});

describe("reuse interval (0.5 s here; LOCAL_ISSUER_REFRESH_REUSE_INTERVAL takes whole seconds)", () => {
  const issuer = issuerForSuite({ reuseInterval: 0.5 });

  test("reuse interval: a spent token works within the interval and fails after it", async () => {
    const first = await refreshTokenFor(issuer().url);
    const rotated = await refresh(issuer().url, first);
    assert.equal(rotated.status, 200);

    const withinInterval = await refresh(issuer().url, first);
    assert.equal(withinInterval.status, 200);
    assert.ok(withinInterval.body.refresh_token);

    await sleep(600);
    const afterInterval = await refresh(issuer().url, first);
    assert.equal(afterInterval.status, 400);
    assert.equal(afterInterval.body.error, "invalid_grant");
    const newest = await refresh(issuer().url, withinInterval.body.refresh_token ?? "");
    assert.equal(newest.body.error, "invalid_grant", "the reuse revoked the whole grant");
  });
});
