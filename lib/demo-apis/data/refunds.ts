import "server-only";
import type { Order } from "@/lib/demo-apis/contracts/orders-contract";
import { ordersFor } from "./orders";

// A demo store: in memory, per server process, lost on restart; keyed by the token's `sub`, as
// the profiles are. A refund never crosses users: an order id is looked up among `sub`'s own.
const refunds = new Map<string, Map<string, string>>();

// Only verified tokens with the step-up scope create entries; a cap still keeps it bounded.
const MAX_USERS = 1_000;

function refundsOf(sub: string): Map<string, string> {
  let own = refunds.get(sub);
  if (own) return own;
  if (refunds.size >= MAX_USERS) {
    const oldest = refunds.keys().next().value;
    if (oldest !== undefined) refunds.delete(oldest);
  }
  own = new Map();
  refunds.set(sub, own);
  return own;
}

const withRefund = (order: Order, refundedAt: string | undefined): Order =>
  refundedAt ? { ...order, status: "refunded", refundedAt } : order;

/**
 * The orders of `sub`, those refunded shown as such.
 *
 * @example
 * ordersWithRefunds(token.sub).filter((order) => order.status === "refunded");
 */
export function ordersWithRefunds(sub: string): Order[] {
  const own = refunds.get(sub);
  return ordersFor(sub).map((order) => withRefund(order, own?.get(order.id)));
}

/**
 * Refunds one of `sub`'s orders, once: a second call changes nothing and says so. `null` when
 * `sub` has no order with that id.
 *
 * @example
 * const result = refundOrder(token.sub, "ord_1a2b3c0");
 * if (result) console.log(result.order.status, result.refundedNow); // "refunded" true
 */
export function refundOrder(
  sub: string,
  orderId: string,
  now = new Date(),
): { order: Order; refundedNow: boolean } | null {
  const order = ordersFor(sub).find((candidate) => candidate.id === orderId);
  if (!order) return null;
  const own = refundsOf(sub);
  const before = own.get(orderId);
  if (before) return { order: withRefund(order, before), refundedNow: false };
  const refundedAt = now.toISOString();
  own.set(orderId, refundedAt);
  return { order: withRefund(order, refundedAt), refundedNow: true };
}
