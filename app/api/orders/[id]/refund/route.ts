import { apis } from "@/config/apis";
import type { RefundResponse } from "@/lib/demo-apis/contracts/orders-contract";
import { bearerRoute, type RouteOutcome } from "@/lib/demo-apis/server/bearer-route";
import { refundOrder } from "@/lib/demo-apis/data/refunds";
import { methodNotAllowedRoute, preflightRoute } from "@/lib/demo-apis/server/method-routes";

/** The order id in `/api/orders/{id}/refund`, read from the URL; "" when it is not valid UTF-8. */
function orderIdOf(request: Request): string {
  try {
    return decodeURIComponent(new URL(request.url).pathname.split("/").at(-2) ?? "");
  } catch {
    return "";
  }
}

/**
 * `POST /api/orders/{id}/refund` (scope `refund:orders`): refunds one of the caller's orders.
 * The scope is a step-up scope: the authorization server grants it only after a second factor,
 * so a token without it gets the same `403 insufficient_scope` as any other missing scope. Safe
 * to repeat: a second refund of the same order changes nothing (`refundedNow: false`).
 */
export const POST = bearerRoute(
  { api: apis.orders, scope: "refund:orders" },
  (request, token): RouteOutcome<RefundResponse> => {
    const refunded = refundOrder(token.sub, orderIdOf(request));
    if (!refunded) {
      return {
        ok: false,
        error: { code: "not_found", description: "You have no order with this id." },
      };
    }
    return { ok: true, body: { ...refunded, token } };
  },
);

export const OPTIONS = preflightRoute(["POST", "OPTIONS"]);

export const GET = methodNotAllowedRoute(["POST", "OPTIONS"]);
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
