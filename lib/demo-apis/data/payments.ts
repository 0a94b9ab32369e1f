import "server-only";
import { randomBytes } from "node:crypto";
import type { CreatePayment, Payment } from "@/lib/demo-apis/contracts/payments-contract";
import { pickFrom, seededRandom } from "./seeded-random";

const PAYEES = [
  "Coffee Roasters Ltd",
  "City Electric",
  "Bike Repair Co",
  "Bookshop on Main",
] as const;

// A fixed clock, so the same user sees the same seeded payments on every run.
const LATEST_PAYMENT = Date.UTC(2025, 5, 1, 9, 0, 0);
const DAY = 24 * 60 * 60 * 1000;

/** The seeded, settled payments of `sub`: two or three, newest first, the same every time. */
function seededPayments(sub: string): Payment[] {
  const random = seededRandom(`payments:${sub}`);
  const count = 2 + Math.floor(random() * 2);
  let createdAt = LATEST_PAYMENT;
  return Array.from({ length: count }, (_, index) => {
    createdAt -= Math.floor((1 + random() * 20) * DAY);
    return {
      id: `pay_seed${Math.floor(random() * 0xffffff).toString(16)}${index}`,
      amount: Math.round(500 + random() * 20_000) / 100,
      currency: "EUR",
      payee: pickFrom(random, PAYEES),
      status: "settled",
      createdAt: new Date(createdAt).toISOString(),
    };
  });
}

type Created = { payment: Payment; request: string };

// A demo store: in memory, per server process, lost on restart; keyed by the token's `sub` and
// then by the client's Idempotency-Key. Bounded both ways, oldest first out.
const created = new Map<string, Map<string, Created>>();
const MAX_USERS = 1_000;
const MAX_PER_USER = 50;

function createdBy(sub: string): Map<string, Created> {
  let own = created.get(sub);
  if (own) return own;
  if (created.size >= MAX_USERS) created.delete(created.keys().next().value ?? "");
  own = new Map();
  created.set(sub, own);
  return own;
}

/**
 * The payments of `sub`: those created through the API (newest first), then the seeded ones.
 *
 * @example
 * paymentsFor(token.sub).length; // 2 or 3 before any POST
 */
export function paymentsFor(sub: string): Payment[] {
  const own = [...(created.get(sub)?.values() ?? [])].map((entry) => entry.payment).reverse();
  return [...own, ...seededPayments(sub)];
}

export type CreateResult =
  { ok: true; payment: Payment; createdNow: boolean } | { ok: false; problem: string };

/**
 * Creates a payment for `sub`, once per `idempotencyKey`: the same key with the same request
 * answers the payment made the first time (`createdNow: false`), so a client that retries after a
 * lost answer (or the SDK's DPoP nonce retry) never pays twice; the same key with another request
 * is refused.
 *
 * @example
 * createPayment("auth0|42", "key-123", { amount: 12.5, currency: "EUR", payee: "Bookshop" });
 */
export function createPayment(
  sub: string,
  idempotencyKey: string,
  request: CreatePayment,
  now = new Date(),
): CreateResult {
  const own = createdBy(sub);
  const asked = JSON.stringify([request.amount, request.currency, request.payee]);
  const before = own.get(idempotencyKey);
  if (before) {
    if (before.request === asked) return { ok: true, payment: before.payment, createdNow: false };
    return { ok: false, problem: "was used before with another payment; use a new key" };
  }
  if (own.size >= MAX_PER_USER) own.delete(own.keys().next().value ?? "");
  const payment: Payment = {
    id: `pay_${randomBytes(6).toString("hex")}`,
    ...request,
    status: "pending",
    createdAt: now.toISOString(),
  };
  own.set(idempotencyKey, { payment, request: asked });
  return { ok: true, payment, createdNow: true };
}
