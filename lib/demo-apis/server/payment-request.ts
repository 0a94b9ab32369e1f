/**
 * The request of `POST /api/payments`: the `Idempotency-Key` header and a JSON body held to the
 * Payments contract (`createPaymentSchema`). Each refusal is an `invalid_body` error naming the
 * field (the header's name for the key).
 */
import "server-only";
import { createPaymentSchema } from "@/lib/demo-apis/contracts/payments-contract";
import type { CreatePayment } from "@/lib/demo-apis/contracts/payments-contract";
import type { ApiError } from "./api-error";
import { readJsonBody } from "./profile-update";

/** What a client may use as an idempotency key: a UUID fits, and nothing unbounded. */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,64}$/;

type Refusal = { ok: false; error: ApiError };
const refuse = (field: string, problem: string): Refusal => ({
  ok: false,
  error: { code: "invalid_body", issues: [{ field, problem }] },
});

/**
 * Reads the payment a client asks for and its idempotency key, or says which field is wrong.
 *
 * @example
 * const asked = await readPaymentRequest(request);
 * if (!asked.ok) return asked; // 400 invalid_body
 * createPayment(token.sub, asked.idempotencyKey, asked.payment);
 */
export async function readPaymentRequest(
  request: Request,
): Promise<{ ok: true; idempotencyKey: string; payment: CreatePayment } | Refusal> {
  const idempotencyKey = request.headers.get("idempotency-key") ?? "";
  if (!IDEMPOTENCY_KEY.test(idempotencyKey)) {
    return refuse(
      "Idempotency-Key",
      "must be sent: 8 to 64 letters, digits, - or _ (a UUID), new for every payment",
    );
  }
  const body = await readJsonBody(request);
  if (!body.ok) return body;
  const parsed = createPaymentSchema.safeParse(body.value);
  if (!parsed.success) {
    const issues = parsed.error.issues.flatMap((issue) =>
      issue.code === "unrecognized_keys"
        ? issue.keys.map((key) => ({ field: key, problem: "is not a field of a payment" }))
        : [{ field: issue.path.join(".") || "body", problem: issue.message }],
    );
    return { ok: false, error: { code: "invalid_body", issues } };
  }
  return { ok: true, idempotencyKey, payment: parsed.data };
}
