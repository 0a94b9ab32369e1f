import { loadavg } from "node:os";
import { dpop } from "./config";
import { dpopClient } from "./dpop-client";
import { microsecondsPerProof, proofSigner } from "./dpop-proof-signer";
import { currentNonce, measureNonceRetries } from "./dpop-nonce-retries";
import type { DpopFigures } from "./dpop-types";
import { measureLoad, type LoadTarget } from "./load";
import type { BenchServers } from "./servers";
import { judgeLoad } from "./verdicts";

const PAYMENTS_PATH = "/api/payments";

/**
 * The DPoP section, on an issuer and a `next start` of its own (`DPOP_NONCE=required`):
 *
 * 1. `GET /api/payments` (a DPoP token, a fresh proof per request with the nonce fetched just
 *    before) against `GET /api/orders` (a Bearer token) on that one server, with the
 *    throughput table's load (`measureLoad`: same connections, warm-up and interleaved rounds),
 *    and the Payments/Orders ratio round by round. Proofs are signed per request in the load
 *    generator (single-use, and autocannon builds requests synchronously); what one costs it is
 *    timed first, idle. Both routes rebuild every request, so only the signature differs.
 * 2. `dpop.nonceCalls` sequential calls through the SDK's own fetcher, counting its
 *    `use_dpop_nonce` retries, with a nonce window rolling over halfway.
 *
 * @example
 * const figures = await measureDpop(servers, console.log);
 * figures.figures[1]?.ratio; // Payments/Orders, e.g. 0.8
 */
export async function measureDpop(
  servers: BenchServers,
  log: (line: string) => void,
): Promise<DpopFigures> {
  log(`starting the DPoP section's issuer (:${dpop.issuerPort}) and app (:${dpop.appPort})…`);
  const { appUrl, issuerUrl } = await servers.startDpopServers();
  const client = await dpopClient(issuerUrl);
  const paymentsUrl = `${appUrl}${PAYMENTS_PATH}`;

  const accessToken = client.payments.access_token;
  const proofTo = { htm: "GET", htu: paymentsUrl, accessToken };
  const proofMicroseconds = microsecondsPerProof(
    await proofSigner(client.keyPair, proofTo),
    dpop.proofSignCalls,
  );
  const proof = await proofSigner(client.keyPair, {
    ...proofTo,
    nonce: await currentNonce(paymentsUrl),
  });
  const orders: LoadTarget = {
    label: "Orders API, Bearer",
    path: "/api/orders",
    origin: appUrl,
    headers: { authorization: `Bearer ${client.orders.access_token}` },
    // Nothing to add, but rebuilt per request like the Payments one: only the proof differs.
    perRequest: () => ({}),
  };
  const payments: LoadTarget = {
    label: "Payments API, DPoP, a new proof per request",
    path: PAYMENTS_PATH,
    origin: appUrl,
    headers: { authorization: `DPoP ${accessToken}` },
    perRequest: () => ({ dpop: proof() }),
  };
  const before = loadavg();
  const [ordersSample, paymentsSample] = await measureLoad([orders, payments], log);
  const after = loadavg();
  if (!ordersSample || !paymentsSample) throw new Error("A DPoP section route was not measured.");
  const figures = judgeLoad(ordersSample, [{ sample: paymentsSample }]);

  log(
    `${dpop.nonceCalls} sequential Payments API calls through the SDK's fetcher, halfway ` +
      "waiting for the API's next nonce window (up to a minute)…",
  );
  const retries = await measureNonceRetries(client, paymentsUrl, dpop.nonceCalls);
  const retriesPer100Calls = ((retries.requests - retries.calls) / retries.calls) * 100;
  return {
    nonce: "required",
    proofMicroseconds,
    loadAverage: { before, after },
    figures,
    nonceRetries: { ...retries, retriesPer100Calls },
  };
}
