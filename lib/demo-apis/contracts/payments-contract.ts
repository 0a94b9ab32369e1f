/**
 * The Payments API's contract (`app/api/payments/route.ts`), an API that accepts only DPoP-bound
 * tokens (RFC 9449): `Authorization: DPoP <token>` and a `DPoP` proof on every request.
 *
 * - `GET /api/payments` (scope `read:payments`) answers a `PaymentsResponse`;
 * - `POST /api/payments` (scope `write:payments`) with a `CreatePayment` body and an
 *   `Idempotency-Key` header answers a `CreatePaymentResponse`; the same key with the same body
 *   answers the same payment again (`createdNow: false`), with another body it is refused;
 * - a refusal is a `DpopErrorBody`: the shared `ApiErrorBody` plus DPoP's own errors.
 *
 * No `server-only` and no secret here: the browser bundle may import this module.
 */
import { z } from "zod";
import { apiErrorBodySchema, verifiedTokenSchema } from "./shared-contract";

export const CURRENCIES = ["EUR", "USD", "GBP"] as const;

/** What a client sends to create a payment. */
export const createPaymentSchema = z.strictObject({
  /** In the currency's main unit, at most two decimals. */
  amount: z
    .number({ error: "must be a number" })
    .positive({ error: "must be more than 0" })
    .max(10_000, { error: "must be at most 10000" })
    .multipleOf(0.01, { error: "must have at most two decimals" }),
  currency: z.enum(CURRENCIES, { error: `must be one of ${CURRENCIES.join(", ")}` }),
  payee: z
    .string({ error: "must be a string" })
    .trim()
    .min(1, { error: "must not be empty" })
    .max(80, { error: "must be at most 80 characters" }),
});

export type CreatePayment = z.infer<typeof createPaymentSchema>;

/** One payment as the Payments API returns it. */
const paymentSchema = z.object({
  id: z.string(),
  amount: z.number(),
  currency: z.enum(CURRENCIES),
  payee: z.string(),
  status: z.enum(["pending", "settled"]),
  /** ISO 8601. */
  createdAt: z.string(),
});

export type Payment = z.infer<typeof paymentSchema>;

/** What `GET /api/payments` answers: the caller's payments, newest first, and the token accepted. */
export const paymentsResponseSchema = z.object({
  payments: z.array(paymentSchema),
  token: verifiedTokenSchema,
});

export type PaymentsResponse = z.infer<typeof paymentsResponseSchema>;

/** What `POST /api/payments` answers: the payment, and whether this request created it. */
export const createPaymentResponseSchema = z.object({
  payment: paymentSchema,
  /** False when the `Idempotency-Key` was used before: the request changed nothing. */
  createdNow: z.boolean(),
  token: verifiedTokenSchema,
});

export type CreatePaymentResponse = z.infer<typeof createPaymentResponseSchema>;

/** Why a DPoP request's token was refused, beyond the Bearer APIs' reasons. */
export const DPOP_TOKEN_REASONS = ["wrong_scheme", "unbound_token"] as const;

/**
 * Every refusal of the Payments API: the shared error body, plus RFC 9449 §7's `invalid_dpop_proof`
 * (the proof was refused) and `use_dpop_nonce` (send a proof with the nonce in `DPoP-Nonce`).
 */
export const dpopErrorBodySchema = apiErrorBodySchema.extend({
  error: z.enum([
    ...apiErrorBodySchema.shape.error.options,
    "invalid_dpop_proof",
    "use_dpop_nonce",
    "temporarily_unavailable",
  ]),
  reason: z
    .enum([...apiErrorBodySchema.shape.reason.unwrap().options, ...DPOP_TOKEN_REASONS])
    .optional(),
});

export type DpopErrorBody = z.infer<typeof dpopErrorBodySchema>;
