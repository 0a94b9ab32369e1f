import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { apis } from "@/config/apis";
import {
  createPaymentResponseSchema,
  dpopErrorBodySchema,
  paymentsResponseSchema,
} from "@/lib/demo-apis/contracts/payments-contract";
import { apiEnv } from "@/lib/demo-apis/server/api-env";
import { currentNonce } from "@/lib/demo-apis/server/dpop-nonce";
import {
  assertApiSecurityHeaders,
  startApiRouteIssuer,
  TEST_APP_ORIGIN,
} from "@/test-support/api-route-issuer";
import { dpopKey, unsignedProof, type ProofOptions } from "@/test-support/dpop-proofs";

const APP = TEST_APP_ORIGIN;
const PAYMENTS_URL = `${APP}/api/payments`;

const issuer = await startApiRouteIssuer();
const { GET, POST, OPTIONS } = await import("./route");
const key = await dpopKey();

/** A Payments API token bound to `key` (`cnf.jkt`), unless the claims say otherwise. */
const paymentsToken = (claims: Record<string, unknown> = {}) =>
  issuer.sign({
    aud: apis.payments.audience,
    scope: "openid read:payments write:payments",
    cnf: { jkt: key.jkt },
    ...claims,
  });

type Send = {
  method?: "GET" | "POST";
  authorization?: string;
  proofs?: string[];
  init?: RequestInit;
};

function send({ method = "GET", authorization, proofs = [], init = {} }: Send) {
  const headers = new Headers({ Origin: APP, ...(init.headers as Record<string, string>) });
  if (authorization) headers.set("Authorization", authorization);
  for (const proof of proofs) headers.append("DPoP", proof);
  const request = new Request(PAYMENTS_URL, { ...init, method, headers });
  return method === "POST" ? POST(request) : GET(request);
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

describe("Payments API: the happy paths", () => {
  test("GET with a bound token and a proof: the caller's payments and the token accepted", async () => {
    const response = await dpopRequest(await paymentsToken({ exp: 2_000_000_000 }));
    assert.equal(response.status, 200);
    const body = paymentsResponseSchema.strict().parse(await response.json());
    assert.ok(body.payments.length >= 2);
    assert.equal(body.token.sub, "user-a");
    assert.match(response.headers.get("DPoP-Nonce") ?? "", /^[0-9a-z]+\.[\w-]{22}$/);
    assertApiSecurityHeaders(response, "200");
  });

  test("POST creates a payment once per Idempotency-Key, and lists it", async () => {
    const token = await paymentsToken();
    const first = await dpopRequest(token, { method: "POST", init: postInit("key-create-01") });
    assert.equal(first.status, 200);
    const created = createPaymentResponseSchema.strict().parse(await first.json());
    assert.equal(created.createdNow, true);
    assert.equal(created.payment.status, "pending");
    const again = await dpopRequest(token, { method: "POST", init: postInit("key-create-01") });
    const repeated = createPaymentResponseSchema.parse(await again.json());
    assert.deepEqual([repeated.createdNow, repeated.payment.id], [false, created.payment.id]);
    const list = paymentsResponseSchema.parse(await (await dpopRequest(token)).json());
    assert.equal(list.payments.filter((p) => p.id === created.payment.id).length, 1);
  });

  test("POST: the same Idempotency-Key with another payment, or none, is refused (400 invalid_body)", async () => {
    const token = await paymentsToken();
    await dpopRequest(token, { method: "POST", init: postInit("key-conflict-1") });
    const other = postInit("key-conflict-1", paymentBody("Someone else"));
    for (const init of [other, { ...other, headers: { "Content-Type": "application/json" } }]) {
      const response = await dpopRequest(token, { method: "POST", init });
      assert.equal(response.status, 400);
      const body = dpopErrorBodySchema.strict().parse(await response.json());
      assert.equal(body.field, "Idempotency-Key");
    }
  });

  test("the nonce round trip: no nonce → 401 use_dpop_nonce with DPoP-Nonce; with it → 200", async () => {
    const token = await paymentsToken();
    const first = await send({
      authorization: `DPoP ${token}`,
      proofs: [await key.proof("GET", PAYMENTS_URL, { accessToken: token })],
    });
    await assertRefused(first, "use_dpop_nonce");
    const nonce = first.headers.get("DPoP-Nonce") ?? assert.fail("a nonce to retry with");
    const proof = await key.proof("GET", PAYMENTS_URL, { accessToken: token, claims: { nonce } });
    assert.equal((await sendProof(token, proof)).status, 200);
  });

  test("DPOP_NONCE=off: a proof without a nonce is accepted, and no DPoP-Nonce is sent", async () => {
    process.env.DPOP_NONCE = "off";
    try {
      const token = await paymentsToken();
      const proof = await key.proof("GET", PAYMENTS_URL, { accessToken: token });
      const response = await sendProof(token, proof);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get("DPoP-Nonce"), null);
    } finally {
      delete process.env.DPOP_NONCE;
    }
  });
});

describe("Payments API: hostile requests, one each", () => {
  test("Bearer downgrade: a DPoP-bound token sent as Bearer is refused", async () => {
    const token = await paymentsToken();
    const proof = await key.proof("GET", PAYMENTS_URL, { accessToken: token });
    const body = await assertRefused(await sendProof(token, proof, "Bearer"), "invalid_token");
    assert.equal(body.reason, "wrong_scheme");
  });

  test("a Bearer (unbound) token presented as DPoP is refused", async () => {
    const unbound = await paymentsToken({ cnf: undefined });
    const body = await assertRefused(await dpopRequest(unbound), "invalid_token");
    assert.equal(body.reason, "unbound_token");
  });

  test("no credentials at all: 401 with a bare DPoP challenge", async () => {
    const response = await send({});
    assert.equal(response.status, 401);
    assert.equal(
      response.headers.get("WWW-Authenticate"),
      'DPoP realm="Payments API", algs="ES256 RS256"',
    );
  });

  test("proof missing", async () => {
    const token = await paymentsToken();
    await assertRefused(await send({ authorization: `DPoP ${token}` }), "invalid_dpop_proof");
  });

  test("two proofs", async () => {
    const token = await paymentsToken();
    const nonce = await apiNonce();
    const proof = () => key.proof("GET", PAYMENTS_URL, { accessToken: token, claims: { nonce } });
    const response = await send({
      authorization: `DPoP ${token}`,
      proofs: [await proof(), await proof()],
    });
    await assertRefused(response, "invalid_dpop_proof");
  });

  const header = { typ: "dpop+jwt", jwk: key.publicJwk };
  /** The claims of a GET proof that are right: only its header is wrong in these cases. */
  const rightClaims = async () => ({ htm: "GET", htu: PAYMENTS_URL, nonce: await apiNonce() });

  test("alg none", async () => {
    const token = await paymentsToken();
    const proof = unsignedProof({ ...header, alg: "none" }, await rightClaims());
    const body = await assertRefused(await sendProof(token, proof), "invalid_dpop_proof");
    assert.match(body.error_description, /alg none/);
  });

  test("symmetric alg (HS256)", async () => {
    const token = await paymentsToken();
    const jwk = { kty: "oct", k: "c2VjcmV0" };
    const proof = unsignedProof({ typ: "dpop+jwt", jwk, alg: "HS256" }, await rightClaims());
    await assertRefused(await sendProof(token, proof), "invalid_dpop_proof");
  });

  const refusedProofs: [string, ProofOptions | (() => Promise<ProofOptions>), RegExp][] = [
    ["wrong typ", { header: { typ: "JWT" } }, /typ/],
    ["private key in jwk", { header: { jwk: key.privateJwk } }, /private/],
    ["wrong htm", { claims: { htm: "POST" } }, /htm/],
    ["htu with another path", { claims: { htu: `${APP}/api/orders` } }, /htu/],
    ["htu with a query", { claims: { htu: `${PAYMENTS_URL}?page=2` } }, /query/],
    [
      "htu with another origin",
      { claims: { htu: "https://evil.example.com/api/payments" } },
      /htu/,
    ],
    ["iat too old", { claims: { iat: Math.floor(Date.now() / 1000) - 120 } }, /too long ago/],
    ["iat in the future", { claims: { iat: Math.floor(Date.now() / 1000) + 120 } }, /future/],
    [
      "ath of another token",
      async () => ({ accessToken: await paymentsToken({ sub: "user-b" }) }),
      /ath/,
    ],
  ];
  for (const [name, options, description] of refusedProofs) {
    test(name, async () => {
      const token = await paymentsToken();
      const given = typeof options === "function" ? await options() : options;
      const body = await assertRefused(await dpopRequest(token, given), "invalid_dpop_proof");
      assert.match(body.error_description, description);
    });
  }

  test("jti replayed", async () => {
    const token = await paymentsToken();
    const nonce = await apiNonce();
    const proof = await key.proof("GET", PAYMENTS_URL, { accessToken: token, claims: { nonce } });
    const request = { authorization: `DPoP ${token}`, proofs: [proof] };
    assert.equal((await send(request)).status, 200);
    const body = await assertRefused(await send(request), "invalid_dpop_proof");
    assert.match(body.error_description, /used before/);
  });

  test("key not matching cnf.jkt", async () => {
    const thief = await dpopKey();
    const token = await paymentsToken();
    const nonce = await apiNonce();
    const proof = await thief.proof("GET", PAYMENTS_URL, { accessToken: token, claims: { nonce } });
    const body = await assertRefused(await sendProof(token, proof), "invalid_dpop_proof");
    assert.match(body.error_description, /another key/);
  });

  test("nonce missing", async () => {
    const token = await paymentsToken();
    const proof = await key.proof("GET", PAYMENTS_URL, { accessToken: token });
    const response = await sendProof(token, proof);
    await assertRefused(response, "use_dpop_nonce");
    assert.ok(response.headers.get("DPoP-Nonce"), "a fresh nonce to retry with");
  });

  test("nonce stale", async () => {
    const stale = currentNonce(apiEnv().dpopNonceKey, Date.now() / 1000 - 600);
    const response = await dpopRequest(await paymentsToken(), { claims: { nonce: stale } });
    const body = await assertRefused(response, "use_dpop_nonce");
    assert.match(body.error_description, /expired/);
    assert.notEqual(response.headers.get("DPoP-Nonce"), stale);
  });

  test("nonce forged", async () => {
    const forged = `${Math.floor(Date.now() / 60_000).toString(36)}.AAAAAAAAAAAAAAAAAAAAAA`;
    const response = await dpopRequest(await paymentsToken(), { claims: { nonce: forged } });
    const body = await assertRefused(response, "use_dpop_nonce");
    assert.match(body.error_description, /not one this API issued/);
  });

  test("an Orders API token: 401 invalid_token with a DPoP challenge", async () => {
    const orders = await paymentsToken({ aud: apis.orders.audience });
    const body = await assertRefused(await dpopRequest(orders), "invalid_token");
    assert.equal(body.reason, "wrong_audience");
  });

  test("POST without write:payments: 403 insufficient_scope with a DPoP challenge", async () => {
    const readOnly = await paymentsToken({ scope: "openid read:payments" });
    const response = await dpopRequest(readOnly, {
      method: "POST",
      init: postInit("key-scope-001"),
    });
    const body = await assertRefused(response, "insufficient_scope", 403);
    assert.equal(body.scope, "write:payments");
  });
});

describe("OPTIONS /api/payments", () => {
  test("the preflight allows the DPoP and Idempotency-Key headers", () => {
    const response = OPTIONS(
      new Request(PAYMENTS_URL, { method: "OPTIONS", headers: { Origin: APP } }),
    );
    assert.equal(response.status, 204);
    assert.equal(
      response.headers.get("Access-Control-Allow-Headers"),
      "Authorization, Content-Type, DPoP, Idempotency-Key",
    );
  });
});
