/**
 * The playground's policy writes against the local authorization server's Management API, and
 * the refusal when the app is configured for a tenant.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import { apis } from "@/config/apis";
import { issuerForSuite } from "@/test-support/issuer-fixture";
import { appBaseUrl, claimsOf, login, refresh } from "@/test-support/oauth-flow";
import { defaultPolicies, readPolicy, writePolicies } from "./policy-admin";

describe("the MRRT playground's policy, through the Management API", () => {
  const issuer = issuerForSuite();
  const source = () => ({
    AUTH0_DOMAIN: issuer().url.replace(/\/$/, ""),
    APP_BASE_URL: appBaseUrl,
  });
  const policiesNow = async () => {
    const view = await readPolicy(source());
    assert.ok(view.ok, "the policy can be read");
    return view.settings.policies;
  };

  test("reads the application's policy, writable in local mode", async () => {
    const view = await readPolicy(source());
    assert.ok(view.ok);
    assert.equal(view.readOnly, undefined);
    assert.equal(view.settings.rotation_type, "rotating");
    assert.deepEqual(view.settings.policies, defaultPolicies);
  });

  test("a saved policy applies to the next refresh, with the request auth0:setup sends", async () => {
    const { body } = await login(issuer().url, { audience: apis.profile.audience });
    assert.ok(body.refresh_token);
    const onlyProfile = [{ audience: apis.profile.audience, scope: ["read:profile"] }];
    const result = await writePolicies(onlyProfile, source());
    assert.ok(result.ok, result.ok ? "" : result.reason);
    assert.equal(result.request.path, "/api/v2/clients/local-demo-app");
    assert.deepEqual(result.request.body, {
      refresh_token: {
        rotation_type: "rotating",
        expiration_type: "expiring",
        policies: onlyProfile,
      },
    });
    assert.deepEqual(await policiesNow(), onlyProfile);

    // The Orders API left the policy: the same refresh token now gets the sign-in audience.
    const answer = await refresh(issuer().url, body.refresh_token, {
      audience: apis.orders.audience,
    });
    assert.equal(answer.status, 200);
    assert.equal((claimsOf(answer.body.access_token).aud as string[])[0], apis.profile.audience);

    const reset = await writePolicies(defaultPolicies, source());
    assert.ok(reset.ok);
    assert.deepEqual(await policiesNow(), defaultPolicies);
  });

  const refusals: [string, unknown, RegExp][] = [
    ["not a list", { audience: apis.orders.audience }, /policies .*expected array/i],
    [
      "an unknown API",
      [{ audience: "https://evil.example.com", scope: [] }],
      /policies\[0\]\.audience is not one of this app's APIs/,
    ],
    [
      "a scope the API does not define",
      [{ audience: apis.orders.audience, scope: ["read:profile"] }],
      /policies\[0\]\.scope Orders API does not define read:profile/,
    ],
    [
      "a scope twice",
      [{ audience: apis.orders.audience, scope: ["read:orders", "read:orders"] }],
      /names a scope twice/,
    ],
    [
      "an API twice",
      [
        { audience: apis.orders.audience, scope: [] },
        { audience: apis.orders.audience, scope: [] },
      ],
      /policies\[1\]\.audience is listed twice/,
    ],
  ];
  for (const [name, policies, message] of refusals) {
    test(`refuses ${name}, with the field and why, and changes nothing`, async () => {
      const result = await writePolicies(policies, source());
      assert.equal(result.ok, false);
      assert.match(result.ok ? "" : result.reason, message);
      assert.deepEqual(await policiesNow(), defaultPolicies);
    });
  }

  test("with a tenant configured, refuses a write before sending anything", async () => {
    const sent: string[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = async (input) => {
      sent.push(String(input instanceof Request ? input.url : input));
      throw new Error("no request may leave");
    };
    try {
      const tenant = {
        AUTH0_DOMAIN: "my-tenant.us.auth0.com",
        AUTH0_CLIENT_ID: "tenant-app",
        AUTH0_CLIENT_SECRET: "tenant-app-secret",
        AUTH0_SECRET: randomBytes(32).toString("hex"),
        AUTH0_MGMT_CLIENT_ID: "m2m",
        AUTH0_MGMT_CLIENT_SECRET: "m2m-secret",
        APP_BASE_URL: "http://localhost:3000",
      };
      const result = await writePolicies(defaultPolicies, tenant);
      assert.equal(result.ok, false);
      assert.match(result.ok ? "" : result.reason, /never changes a tenant's policy/);
    } finally {
      globalThis.fetch = realFetch;
    }
    assert.deepEqual(sent, []);
  });
});
