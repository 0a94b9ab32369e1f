import { apis } from "@/config/apis";
import type {
  CreatePaymentResponse,
  PaymentsResponse,
} from "@/lib/demo-apis/contracts/payments-contract";
import { createPayment, paymentsFor } from "@/lib/demo-apis/data/payments";
import type { RouteOutcome } from "@/lib/demo-apis/server/bearer-route";
import { dpopRoute } from "@/lib/demo-apis/server/dpop-route";
import { methodNotAllowedRoute, preflightRoute } from "@/lib/demo-apis/server/method-routes";
import { readPaymentRequest } from "@/lib/demo-apis/server/payment-request";

// The Payments API, DPoP only: a token is accepted only with a proof of the key it is bound to,
// so a stolen token alone is useless. `proxy.ts` does not match /api/payments, and nothing here
// reads the session cookie. The app calls it from the server (`fetchWithAuth`), where the key is.

/** `GET /api/payments` (scope `read:payments`): the caller's payments, and the token accepted. */
export const GET = dpopRoute(
  { api: apis.payments, scope: "read:payments" },
  (_request, token): RouteOutcome<PaymentsResponse> => ({
    ok: true,
    body: { payments: paymentsFor(token.sub), token },
  }),
);

/**
 * `POST /api/payments` (scope `write:payments`): creates a payment, once per `Idempotency-Key`
 * header; the same key and body again answer the same payment with `createdNow: false`.
 */
export const POST = dpopRoute(
  { api: apis.payments, scope: "write:payments" },
  async (request, token): Promise<RouteOutcome<CreatePaymentResponse>> => {
    const asked = await readPaymentRequest(request);
    if (!asked.ok) return asked;
    const result = createPayment(token.sub, asked.idempotencyKey, asked.payment);
    if (!result.ok) {
      const issues = [{ field: "Idempotency-Key", problem: result.problem }];
      return { ok: false, error: { code: "invalid_body", issues } };
    }
    return { ok: true, body: { payment: result.payment, createdNow: result.createdNow, token } };
  },
);

export const OPTIONS = preflightRoute(["GET", "POST", "OPTIONS"], ["DPoP", "Idempotency-Key"]);

// The other methods get the API's 405 (with its headers), not Next.js's.
export const PUT = methodNotAllowedRoute(["GET", "POST", "OPTIONS"]);
export const PATCH = PUT;
export const DELETE = PUT;
