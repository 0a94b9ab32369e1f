/**
 * The Payments API refuses every request a DPoP resource server must refuse (RFC 9449 §4.3, §7):
 * one named test per hostile case.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { apis } from "@/config/apis";
import { apiEnv } from "@/lib/demo-apis/server/api-env";
import { currentNonce } from "@/lib/demo-apis/server/dpop-nonce";
import { startApiRouteIssuer, TEST_APP_ORIGIN } from "@/test-support/api-route-issuer";
import { dpopKey, unsignedProof, type ProofOptions } from "@/test-support/dpop-proofs";
import { PAYMENTS_URL, paymentsRequests } from "@/test-support/payments-requests";

const APP = TEST_APP_ORIGIN;
const issuer = await startApiRouteIssuer();
const routes = await import("./route");
const key = await dpopKey();
const { paymentsToken, send, sendProof, apiNonce, dpopRequest, assertRefused, postInit } =
  paymentsRequests(issuer, routes, key);

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

  test("htu is checked against the public origin, not a scheme the request says it came over", async () => {
    // Behind `next start`, X-Forwarded-Proto sets the request URL's scheme: any client can send it.
    const forwarded = PAYMENTS_URL.replace(/^http:/, "https:");
    assert.notEqual(forwarded, PAYMENTS_URL);
    const token = await paymentsToken();
    const nonce = await apiNonce();
    const proof = await key.proof("GET", forwarded, { accessToken: token, claims: { nonce } });
    const headers = { Origin: APP, Authorization: `DPoP ${token}`, DPoP: proof };
    const response = await routes.GET(new Request(forwarded, { headers }));
    await assertRefused(response, "invalid_dpop_proof");
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
