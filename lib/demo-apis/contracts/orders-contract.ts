/**
 * The Orders API's contract (`app/api/orders/route.ts`):
 *
 * - `GET /api/orders` (scope `read:orders`) answers an `OrdersResponse`;
 * - `POST /api/orders/{id}/refund` (scope `refund:orders`, a step-up scope) answers a
 *   `RefundResponse`; refunding an order twice refunds it once;
 * - a refusal is an `ApiErrorBody` (`lib/demo-apis/contracts/shared-contract.ts`).
 *
 * No `server-only` and no secret here: the browser bundle imports this module.
 */
import { z } from "zod";
import { verifiedTokenSchema } from "./shared-contract";

/** Where an order is: only the newest one may still be `processing`. */
export const ORDER_STATUSES = ["processing", "shipped", "delivered"] as const;

/** One order as the Orders API returns it. */
const orderSchema = z.object({
  id: z.string(),
  item: z.string(),
  quantity: z.number().int(),
  /** Price times quantity, in euros. */
  total: z.number(),
  /** `refunded` once `POST /api/orders/{id}/refund` has been called for it. */
  status: z.enum([...ORDER_STATUSES, "refunded"]),
  /** ISO 8601, for a refunded order. */
  refundedAt: z.string().optional(),
  /** ISO 8601. */
  placedAt: z.string(),
});

export type Order = z.infer<typeof orderSchema>;

/** What `GET /api/orders` answers: the caller's orders, newest first, and the token accepted. */
export const ordersResponseSchema = z.object({
  orders: z.array(orderSchema),
  token: verifiedTokenSchema,
});

export type OrdersResponse = z.infer<typeof ordersResponseSchema>;

/** What `POST /api/orders/{id}/refund` answers: the order, and whether this request refunded it. */
export const refundResponseSchema = z.object({
  order: orderSchema,
  /** False when the order had been refunded before: the request changed nothing. */
  refundedNow: z.boolean(),
  token: verifiedTokenSchema,
});

export type RefundResponse = z.infer<typeof refundResponseSchema>;
