/**
 * Test-only: requests to the Payments API's route handlers as a DPoP client makes them (a bound
 * token, a proof of its key with the API's current nonce), and the check of a DPoP refusal.
 */
import assert from "node:assert/strict";
import { apis } from "@/config/apis";
import { dpopErrorBodySchema } from "@/lib/demo-apis/contracts/payments-contract";
import { TEST_APP_ORIGIN } from "./api-route-issuer";
import type { DpopKey, ProofOptions } from "./dpop-proofs";
import type { JwksIssuer } from "./jwks-issuer";

export const PAYMENTS_URL = `${TEST_APP_ORIGIN}/api/payments`;

type Handler = (request: Request) => Promise<Response>;

export type Send = {
  method?: "GET" | "POST";
  authorization?: string;
  proofs?: string[];
  init?: RequestInit;
};

/**
 * The requests of one test file, against its route module (`GET`, `POST`) with tokens of
 * `issuer` bound to `key`.
 *
 * @example
 * const { dpopRequest, paymentsToken } = paymentsRequests(issuer, await import("./route"), key);
 */
export function paymentsRequests(
  issuer: JwksIssuer,
  routes: { GET: Handler; POST: Handler },
  key: DpopKey,
) {
  /** A Payments API token bound to `key` (`cnf.jkt`), unless the claims say otherwise. */
  const paymentsToken = (claims: Record<string, unknown> = {}) =>
    issuer.sign({
      aud: apis.payments.audience,
      scope: "openid read:payments write:payments",
      cnf: { jkt: key.jkt },
      ...claims,
    });

  function send({ method = "GET", authorization, proofs = [], init = {} }: Send) {
    const headers = new Headers({
      Origin: TEST_APP_ORIGIN,
      ...(init.headers as Record<string, string>),
    });
    if (authorization) headers.set("Authorization", authorization);
    for (const proof of proofs) headers.append("DPoP", proof);
    const request = new Request(PAYMENTS_URL, { ...init, method, headers });
    return method === "POST" ? routes.POST(request) : routes.GET(request);
  }

  /** A GET with `token` and exactly the proof given. */
  const sendProof = (token: string, proof: string, scheme = "DPoP") =>
    send({ authorization: `${scheme} ${token}`, proofs: [proof] });

  /** The nonce the API hands out now: every answer carries it, a refusal included. */
  async function apiNonce(): Promise<string> {
    return (await send({})).headers.get("DPoP-Nonce") ?? assert.fail("a DPoP-Nonce header");
  }

  /** A well-formed DPoP request with `token`, a current nonce and the proof options given. */
  async function dpopRequest(
    token: string,
    options: ProofOptions & Omit<Send, "authorization" | "proofs"> = {},
  ) {
    const { method = "GET", init, claims, ...proofOptions } = options;
    const nonce = await apiNonce();
    const proof = await key.proof(method, PAYMENTS_URL, {
      accessToken: token,
      ...proofOptions,
      claims: { nonce, ...claims },
    });
    return send({ method, authorization: `DPoP ${token}`, proofs: [proof], init });
  }

  async function assertRefused(response: Response, error: string, status = 401) {
    assert.equal(response.status, status);
    const challenge = response.headers.get("WWW-Authenticate") ?? "";
    assert.match(challenge, new RegExp(`^DPoP realm="Payments API", error="${error}"`));
    assert.match(challenge, /algs="ES256 RS256"$/);
    const body = dpopErrorBodySchema.strict().parse(await response.json());
    assert.equal(body.error, error);
    return body;
  }

  const paymentBody = (payee = "Bookshop on Main") =>
    JSON.stringify({ amount: 12.5, currency: "EUR", payee });
  const postInit = (idempotencyKey: string, body = paymentBody()): RequestInit => ({
    headers: { "Content-Type": "application/json", "Idempotency-Key": idempotencyKey },
    body,
  });

  return {
    paymentsToken,
    send,
    sendProof,
    apiNonce,
    dpopRequest,
    assertRefused,
    paymentBody,
    postInit,
  };
}
