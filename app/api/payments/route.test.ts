import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  createPaymentResponseSchema,
  dpopErrorBodySchema,
  paymentsResponseSchema,
} from "@/lib/demo-apis/contracts/payments-contract";
import {
  assertApiSecurityHeaders,
  startApiRouteIssuer,
  TEST_APP_ORIGIN,
} from "@/test-support/api-route-issuer";
import { dpopKey } from "@/test-support/dpop-proofs";
import { PAYMENTS_URL, paymentsRequests } from "@/test-support/payments-requests";

const issuer = await startApiRouteIssuer();
const routes = await import("./route");
const key = await dpopKey();
const { paymentsToken, send, sendProof, dpopRequest, assertRefused, paymentBody, postInit } =
  paymentsRequests(issuer, routes, key);

describe("Payments API: the happy paths", () => {
  test("GET with a bound token and a proof: the caller's payments and the token accepted", async () => {
    const response = await dpopRequest(await paymentsToken({ exp: 2_000_000_000 }));
    assert.equal(response.status, 200);
    const body = paymentsResponseSchema.strict().parse(await response.json());
    assert.ok(body.payments.length >= 2);
    assert.equal(body.token.sub, "user-a");
    assert.match(response.headers.get("DPoP-Nonce") ?? "", /^[0-9a-z]+\.[\w-]{22}$/);
    assertApiSecurityHeaders(response, "200");
  });

  test("POST creates a payment once per Idempotency-Key, and lists it", async () => {
    const token = await paymentsToken();
    const first = await dpopRequest(token, { method: "POST", init: postInit("key-create-01") });
    assert.equal(first.status, 200);
    const created = createPaymentResponseSchema.strict().parse(await first.json());
    assert.equal(created.createdNow, true);
    assert.equal(created.payment.status, "pending");
    const again = await dpopRequest(token, { method: "POST", init: postInit("key-create-01") });
    const repeated = createPaymentResponseSchema.parse(await again.json());
    assert.deepEqual([repeated.createdNow, repeated.payment.id], [false, created.payment.id]);
    const list = paymentsResponseSchema.parse(await (await dpopRequest(token)).json());
    assert.equal(list.payments.filter((p) => p.id === created.payment.id).length, 1);
  });

  test("POST: the same Idempotency-Key with another payment, or none, is refused (400 invalid_body)", async () => {
    const token = await paymentsToken();
    await dpopRequest(token, { method: "POST", init: postInit("key-conflict-1") });
    const other = postInit("key-conflict-1", paymentBody("Someone else"));
    for (const init of [other, { ...other, headers: { "Content-Type": "application/json" } }]) {
      const response = await dpopRequest(token, { method: "POST", init });
      assert.equal(response.status, 400);
      const body = dpopErrorBodySchema.strict().parse(await response.json());
      assert.equal(body.field, "Idempotency-Key");
    }
  });

  test("the nonce round trip: no nonce → 401 use_dpop_nonce with DPoP-Nonce; with it → 200", async () => {
    const token = await paymentsToken();
    const first = await send({
      authorization: `DPoP ${token}`,
      proofs: [await key.proof("GET", PAYMENTS_URL, { accessToken: token })],
    });
    await assertRefused(first, "use_dpop_nonce");
    const nonce = first.headers.get("DPoP-Nonce") ?? assert.fail("a nonce to retry with");
    const proof = await key.proof("GET", PAYMENTS_URL, { accessToken: token, claims: { nonce } });
    assert.equal((await sendProof(token, proof)).status, 200);
  });

  test("DPOP_NONCE=off: a proof without a nonce is accepted, and no DPoP-Nonce is sent", async () => {
    process.env.DPOP_NONCE = "off";
    try {
      const token = await paymentsToken();
      const proof = await key.proof("GET", PAYMENTS_URL, { accessToken: token });
      const response = await sendProof(token, proof);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get("DPoP-Nonce"), null);
    } finally {
      delete process.env.DPOP_NONCE;
    }
  });
});

describe("OPTIONS /api/payments", () => {
  test("the preflight allows the DPoP and Idempotency-Key headers", () => {
    const response = routes.OPTIONS(
      new Request(PAYMENTS_URL, { method: "OPTIONS", headers: { Origin: TEST_APP_ORIGIN } }),
    );
    assert.equal(response.status, 204);
    assert.equal(
      response.headers.get("Access-Control-Allow-Headers"),
      "Authorization, Content-Type, DPoP, Idempotency-Key",
    );
  });
});
