import { apis } from "@/config/apis";
import type { OrdersResponse } from "@/lib/demo-apis/contracts/orders-contract";
import { bearerRoute } from "@/lib/demo-apis/server/bearer-route";
import type { RouteOutcome } from "@/lib/demo-apis/server/bearer-route";
import { ordersWithRefunds } from "@/lib/demo-apis/data/refunds";
import { methodNotAllowedRoute, preflightRoute } from "@/lib/demo-apis/server/method-routes";

// The Orders API, bearer-only: `proxy.ts` does not match /api/orders, and nothing here reads the
// session cookie. A Profile API token is refused here (wrong audience), whatever its scopes.

/**
 * `GET /api/orders` (scope `read:orders`): the caller's orders (refunded ones as such), and the
 * token the API accepted (so the caller can see what the API received).
 */
export const GET = bearerRoute(
  { api: apis.orders, scope: "read:orders" },
  (_request, token): RouteOutcome<OrdersResponse> => ({
    ok: true,
    body: { orders: ordersWithRefunds(token.sub), token },
  }),
);

export const OPTIONS = preflightRoute(["GET", "OPTIONS"]);

// Read-only: the other methods get the API's 405 (with its headers), not Next.js's.
export const POST = methodNotAllowedRoute(["GET", "OPTIONS"]);
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
