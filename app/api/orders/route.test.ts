import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { apis } from "@/config/apis";
import { ordersResponseSchema } from "@/lib/demo-apis/contracts/orders-contract";
import { apiErrorBodySchema } from "@/lib/demo-apis/contracts/shared-contract";
import {
  assertApiSecurityHeaders,
  startApiRouteIssuer,
  TEST_APP_ORIGIN,
} from "@/test-support/api-route-issuer";

const APP = TEST_APP_ORIGIN;
const ORDERS_URL = `${APP}/api/orders`;

const issuer = await startApiRouteIssuer();
const { GET, OPTIONS, ...others } = await import("./route");

function get(authorization?: string, origin = APP) {
  const headers = new Headers({ Origin: origin });
  if (authorization) headers.set("Authorization", authorization);
  return GET(new Request(ORDERS_URL, { headers }));
}

function ordersToken(claims: Record<string, unknown> = {}) {
  return issuer.sign({ aud: apis.orders.audience, scope: "openid read:orders", ...claims });
}

describe("GET /api/orders", () => {
  test("answers a valid token with that user's orders and what the token carried", async () => {
    const response = await get(`Bearer ${await ordersToken({ exp: 2_000_000_000 })}`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("Cache-Control"), "no-store");
    assert.equal(response.headers.get("Access-Control-Allow-Origin"), APP);
    const body = await response.json();
    assert.ok(body.orders.length >= 2);
    assert.deepEqual(Object.keys(body.orders[0]).sort(), [
      "id",
      "item",
      "placedAt",
      "quantity",
      "status",
      "total",
    ]);
    assert.deepEqual(body.token, {
      sub: "user-a",
      aud: apis.orders.audience,
      scope: "openid read:orders",
      azp: "test-client",
      exp: 2_000_000_000,
    });
  });

  test("gives each user their own orders, the same on every call", async () => {
    const ordersOf = async (sub: string) =>
      (await (await get(`Bearer ${await ordersToken({ sub })}`)).json()).orders;
    assert.deepEqual(await ordersOf("user-a"), await ordersOf("user-a"));
    assert.notDeepEqual(await ordersOf("user-a"), await ordersOf("user-b"));
  });

  test("without credentials: 401 and a bare challenge (RFC 6750 §3.1)", async () => {
    for (const authorization of [undefined, "Basic dXNlcjpwYXNz"]) {
      const response = await get(authorization);
      assert.equal(response.status, 401);
      assert.equal(response.headers.get("WWW-Authenticate"), 'Bearer realm="Orders API"');
      assert.equal(response.headers.get("Access-Control-Expose-Headers"), "WWW-Authenticate");
      assert.equal((await response.json()).error, "missing_token");
    }
  });

  test("a malformed Bearer header: 400 invalid_request", async () => {
    const response = await get("Bearer two tokens");
    assert.equal(response.status, 400);
    assert.match(response.headers.get("WWW-Authenticate") ?? "", /error="invalid_request"/);
    assert.equal((await response.json()).error, "invalid_request");
  });

  test("a Profile API token: 401 invalid_token naming both audiences", async () => {
    const profileToken = await issuer.sign({ aud: apis.profile.audience, scope: "read:orders" });
    const response = await get(`Bearer ${profileToken}`);
    assert.equal(response.status, 401);
    const challenge = response.headers.get("WWW-Authenticate") ?? "";
    assert.match(
      challenge,
      /^Bearer realm="Orders API", error="invalid_token", error_description="/,
    );
    assert.match(challenge, /profile-api\.example\.com.*orders-api\.example\.com/);
    const body = await response.json();
    assert.equal(body.error, "invalid_token");
    assert.equal(body.reason, "wrong_audience");
    assert.equal(body.expected_audience, apis.orders.audience);
    assert.equal(body.received_audience, apis.profile.audience);
  });

  test("an expired token: 401 invalid_token that says so", async () => {
    const expired = await ordersToken({ exp: Math.floor(Date.now() / 1000) - 60 });
    const response = await get(`Bearer ${expired}`);
    assert.equal(response.status, 401);
    assert.match(response.headers.get("WWW-Authenticate") ?? "", /error_description="[^"]*expired/);
  });

  test("a DPoP-bound token sent as Bearer: 401 invalid_token bound_token (no downgrade)", async () => {
    const bound = await ordersToken({
      cnf: { jkt: "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I" },
    });
    const response = await get(`Bearer ${bound}`);
    assert.equal(response.status, 401);
    const body = (await response.json()) as { error: string; reason?: string };
    assert.equal(body.error, "invalid_token");
    assert.equal(body.reason, "bound_token");
  });

  test("without read:orders: 403 insufficient_scope naming the scope", async () => {
    const response = await get(`Bearer ${await ordersToken({ scope: "openid write:orders" })}`);
    assert.equal(response.status, 403);
    const challenge = response.headers.get("WWW-Authenticate") ?? "";
    assert.match(challenge, /error="insufficient_scope"/);
    assert.match(challenge, /scope="read:orders"/);
    const body = await response.json();
    assert.equal(body.scope, "read:orders");
    assert.equal(body.granted_scope, "openid write:orders");
  });

  test("answers and refusals keep the contract the browser reads", async () => {
    const ok = await get(`Bearer ${await ordersToken()}`);
    ordersResponseSchema.strict().parse(await ok.json());
    const refusals = [
      await get(),
      await get("Bearer two tokens"),
      await get(`Bearer ${await issuer.sign({ aud: apis.profile.audience })}`),
      await get(`Bearer ${await ordersToken({ scope: "openid" })}`),
    ];
    for (const response of refusals) apiErrorBodySchema.strict().parse(await response.json());
  });

  test("every answer carries the security headers, refusals included", async () => {
    const answers = {
      "200": await get(`Bearer ${await ordersToken()}`),
      "401 missing_token": await get(),
      "400 invalid_request": await get("Bearer two tokens"),
      "401 invalid_token": await get(`Bearer ${await issuer.sign({ aud: apis.profile.audience })}`),
      "403 insufficient_scope": await get(`Bearer ${await ordersToken({ scope: "openid" })}`),
      "another origin": await get(undefined, "https://elsewhere.example.com"),
    };
    for (const [what, response] of Object.entries(answers))
      assertApiSecurityHeaders(response, what);
    assert.equal(answers["200"].headers.get("Strict-Transport-Security"), null, "http: no HSTS");
  });

  test("allows only the app's origin", async () => {
    const response = await get(undefined, "https://elsewhere.example.com");
    assert.equal(response.headers.get("Access-Control-Allow-Origin"), null);
    assert.match(response.headers.get("Vary") ?? "", /Origin/);
  });
});

describe("OPTIONS /api/orders", () => {
  test("answers the preflight with 204, its methods and the allowed headers", async () => {
    const response = OPTIONS(
      new Request(ORDERS_URL, {
        method: "OPTIONS",
        headers: { Origin: APP, "Access-Control-Request-Method": "GET" },
      }),
    );
    assert.equal(response.status, 204);
    assert.equal(response.headers.get("Access-Control-Allow-Origin"), APP);
    assert.equal(response.headers.get("Access-Control-Allow-Methods"), "GET, OPTIONS");
    assert.equal(
      response.headers.get("Access-Control-Allow-Headers"),
      "Authorization, Content-Type",
    );
    assert.match(response.headers.get("Vary") ?? "", /Origin/);
    assertApiSecurityHeaders(response, "preflight");
  });
});

describe("POST, PUT, PATCH and DELETE /api/orders", () => {
  test("answer the API's 405, naming what it serves, with its headers", () => {
    for (const [method, handler] of Object.entries(others)) {
      const response = handler(new Request(ORDERS_URL, { method, headers: { Origin: APP } }));
      assert.equal(response.status, 405, method);
      assert.equal(response.headers.get("Allow"), "GET, OPTIONS", method);
      assertApiSecurityHeaders(response, method);
    }
    assert.deepEqual(Object.keys(others).sort(), ["DELETE", "PATCH", "POST", "PUT"]);
  });
});
