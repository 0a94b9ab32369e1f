import { apis } from "@/config/apis";
import { bearerRoute, preflightRoute } from "@/lib/bearer/bearer-route";
import { ordersFor } from "@/lib/demo-data/orders";

// The Orders API, bearer-only: `proxy.ts` does not match /api/orders, and nothing here reads the
// session cookie. A Profile API token is refused here (wrong audience), whatever its scopes.

/** `GET /api/orders` (scope `read:orders`): the caller's orders. */
export const GET = bearerRoute({ api: apis.orders, scope: "read:orders" }, (_request, token) => ({
  ok: true,
  body: { orders: ordersFor(token.sub) },
}));

export const OPTIONS = preflightRoute(["GET", "OPTIONS"]);
