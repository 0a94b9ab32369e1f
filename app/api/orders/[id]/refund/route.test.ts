import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { apis } from "@/config/apis";
import { refundResponseSchema } from "@/lib/demo-apis/contracts/orders-contract";
import { apiErrorBodySchema } from "@/lib/demo-apis/contracts/shared-contract";
import { ordersFor } from "@/lib/demo-apis/data/orders";
import {
  assertApiSecurityHeaders,
  startApiRouteIssuer,
  TEST_APP_ORIGIN,
} from "@/test-support/api-route-issuer";

const issuer = await startApiRouteIssuer();
const { POST, GET, OPTIONS } = await import("./route");
const orders = await import("../../route");

const token = (claims: Record<string, unknown> = {}) =>
  issuer.sign({ aud: apis.orders.audience, scope: "openid read:orders refund:orders", ...claims });

async function refundAt(encodedId: string, authorization?: string) {
  const headers = new Headers({ Origin: TEST_APP_ORIGIN });
  if (authorization) headers.set("Authorization", authorization);
  const url = `${TEST_APP_ORIGIN}/api/orders/${encodedId}/refund`;
  return POST(new Request(url, { method: "POST", headers }));
}

const refund = (orderId: string, authorization?: string) =>
  refundAt(encodeURIComponent(orderId), authorization);

async function statusOf(sub: string, orderId: string): Promise<string | undefined> {
  const headers = { Authorization: `Bearer ${await token({ sub })}` };
  const response = await orders.GET(new Request(`${TEST_APP_ORIGIN}/api/orders`, { headers }));
  const body = (await response.json()) as { orders: { id: string; status: string }[] };
  return body.orders.find((order) => order.id === orderId)?.status;
}

describe("POST /api/orders/{id}/refund", () => {
  test("refunds the caller's order once; a second refund changes nothing and says so", async () => {
    const [order] = ordersFor("refund-user-1");
    assert.ok(order);
    const first = await refund(order.id, `Bearer ${await token({ sub: "refund-user-1" })}`);
    assert.equal(first.status, 200);
    assert.equal(first.headers.get("Cache-Control"), "no-store");
    const body = refundResponseSchema.strict().parse(await first.json());
    assert.equal(body.refundedNow, true);
    assert.equal(body.order.status, "refunded");
    assert.ok(body.order.refundedAt);

    const again = refundResponseSchema.parse(
      await (await refund(order.id, `Bearer ${await token({ sub: "refund-user-1" })}`)).json(),
    );
    assert.equal(again.refundedNow, false);
    assert.equal(again.order.refundedAt, body.order.refundedAt);
    assert.equal(await statusOf("refund-user-1", order.id), "refunded", "GET shows it refunded");
  });

  test("without refund:orders: 403 insufficient_scope naming it, and nothing refunded", async () => {
    const [order] = ordersFor("refund-user-2");
    assert.ok(order);
    const plain = await token({ sub: "refund-user-2", scope: "openid read:orders write:orders" });
    const response = await refund(order.id, `Bearer ${plain}`);
    assert.equal(response.status, 403);
    assert.match(response.headers.get("WWW-Authenticate") ?? "", /scope="refund:orders"/);
    assert.equal((await response.json()).scope, "refund:orders");
    assert.notEqual(await statusOf("refund-user-2", order.id), "refunded");
  });

  test("a refund token that expired: 401 invalid_token, and nothing refunded", async () => {
    const [order] = ordersFor("refund-user-3");
    assert.ok(order);
    const now = Math.floor(Date.now() / 1000);
    const expired = await token({ sub: "refund-user-3", iat: now - 700, exp: now - 60 });
    const response = await refund(order.id, `Bearer ${expired}`);
    assert.equal(response.status, 401);
    assert.equal(apiErrorBodySchema.parse(await response.json()).error, "invalid_token");
    assert.match(response.headers.get("WWW-Authenticate") ?? "", /error="invalid_token"/);
    assert.notEqual(await statusOf("refund-user-3", order.id), "refunded");
  });

  test("another user's order, no order, or an id that is not UTF-8: 404 not_found, that order untouched", async () => {
    const [theirs] = ordersFor("refund-victim");
    assert.ok(theirs);
    for (const id of [theirs.id, "ord_nothing0", "../../profile/me", "", "%E0"]) {
      // "%E0" arrives as it is: a percent-escape that is not UTF-8 (it crashed the route once).
      const path = id === "%E0" ? id : encodeURIComponent(id);
      const response = await refundAt(path, `Bearer ${await token({ sub: "refund-attacker" })}`);
      assert.equal(response.status, 404, id);
      apiErrorBodySchema.strict().parse(await response.json());
    }
    assert.notEqual(await statusOf("refund-victim", theirs.id), "refunded");
  });

  test("a Profile API token is refused (401), whatever its scopes", async () => {
    const [order] = ordersFor("refund-user-3");
    assert.ok(order);
    const profileToken = await issuer.sign({ aud: apis.profile.audience, scope: "refund:orders" });
    const response = await refund(order.id, `Bearer ${profileToken}`);
    assert.equal(response.status, 401);
    assertApiSecurityHeaders(response, "401 wrong audience");
  });

  test("POST only: other methods 405 with Allow, the preflight names POST", async () => {
    const url = `${TEST_APP_ORIGIN}/api/orders/ord_x/refund`;
    const refused = GET(new Request(url, { headers: { Origin: TEST_APP_ORIGIN } }));
    assert.equal(refused.status, 405);
    assert.equal(refused.headers.get("Allow"), "POST, OPTIONS");
    const preflight = OPTIONS(
      new Request(url, { method: "OPTIONS", headers: { Origin: TEST_APP_ORIGIN } }),
    );
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get("Access-Control-Allow-Methods"), "POST, OPTIONS");
  });
});
