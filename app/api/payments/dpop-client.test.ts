/**
 * End to end in one process, with the client library the SDK runs on: openid-client 6 is
 * oauth4webapi, whose DPoP handle `@auth0/nextjs-auth0` uses for `useDPoP` (proofs at the token
 * endpoint, `fetchWithAuth`, the nonce it learns from `DPoP-Nonce`). It signs in to the real local
 * issuer with a DPoP key, gets a Payments API token by refresh (MRRT) and calls the Payments API
 * route handlers, whose first answer asks for a nonce.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import * as oidc from "openid-client";
import { apis } from "@/config/apis";
import { TEST_APP_ORIGIN } from "@/test-support/api-route-issuer";
import { issuerForSuite } from "@/test-support/issuer-fixture";
import { clientSignIn, localClientConfig } from "@/test-support/oidc-client";

const issuer = issuerForSuite();
const PAYMENTS_URL = new URL("/api/payments", TEST_APP_ORIGIN);

test("a DPoP client signs in, gets a bound Payments token by refresh and calls the API through its nonce retry", async () => {
  Object.assign(process.env, {
    AUTH0_DOMAIN: issuer().url.replace(/\/$/, ""),
    APP_BASE_URL: TEST_APP_ORIGIN,
    NODE_ENV: "test",
  });
  const routes = await import("./route");
  const apiCalls: number[] = [];
  const config = await localClientConfig(issuer().url);
  // Requests to the app go to its route handlers in this process; the rest to the issuer.
  config[oidc.customFetch] = async (url, options) => {
    const init = options as RequestInit;
    if (!url.startsWith(TEST_APP_ORIGIN)) return fetch(url, init);
    const request = new Request(url, init);
    const response = await (request.method === "POST" ? routes.POST : routes.GET)(request);
    apiCalls.push(response.status);
    return response;
  };
  const DPoP = oidc.getDPoPHandle(config, await oidc.randomDPoPKeyPair());

  const login = await clientSignIn(config, { audience: apis.profile.audience, DPoP });
  assert.equal(login.token_type, "dpop");
  const payments = await oidc.refreshTokenGrant(
    config,
    login.refresh_token ?? assert.fail("a refresh token"),
    { audience: apis.payments.audience },
    { DPoP },
  );
  assert.equal(payments.token_type, "dpop");

  // openid-client retries a `use_dpop_nonce` refusal once, with the nonce its handle learned from
  // `DPoP-Nonce`, as the SDK's fetchWithAuth does.
  const call = (method: "GET" | "POST", body?: string, headers?: Record<string, string>) =>
    oidc.fetchProtectedResource(
      config,
      payments.access_token,
      PAYMENTS_URL,
      method,
      body,
      new Headers(headers),
      { DPoP },
    );
  const list = await call("GET");
  assert.equal(list.status, 200);
  assert.deepEqual(apiCalls, [401, 200], "asked for a nonce once, then answered");
  const created = await call(
    "POST",
    JSON.stringify({ amount: 9.99, currency: "EUR", payee: "Bookshop on Main" }),
    {
      "Content-Type": "application/json",
      "Idempotency-Key": "sdk-client-payment-1",
    },
  );
  assert.equal(created.status, 200);
  assert.equal(((await created.json()) as { createdNow: boolean }).createdNow, true);
  assert.deepEqual(apiCalls, [401, 200, 200], "the learned nonce is reused: no second refusal");
});
