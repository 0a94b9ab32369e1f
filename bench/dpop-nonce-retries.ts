/**
 * The `use_dpop_nonce` retries of the SDK's own fetcher: `Fetcher` from `@auth0/nextjs-auth0`
 * (`dist/server/fetcher.js`, what `auth0.createFetcher` returns), built here as the SDK's
 * `fetcherFactory` builds it, with a DPoP handle of its own (oauth4webapi's, fetcher-scoped, so
 * it learns nonces from nothing) and the SDK's default retry timing. Nothing of it needs a
 * request: the session only supplies the access token, given here by `getAccessToken`.
 */
import { setTimeout as sleep } from "node:timers/promises";
import * as oidc from "openid-client";
import { sdkServerModule } from "@/test-support/sdk-internals";
import type { DpopClient } from "./dpop-client";
import type { NonceRetrySample } from "./dpop-types";

const ROLLOVER_POLL_MS = 250;
/** The nonce window is a minute (`dpop-nonce.ts`): twice that means the API stopped rolling. */
const ROLLOVER_WAIT_LIMIT_MS = 120_000;

type FetchWithAuth = (url: string, init?: { method?: string }) => Promise<Response>;

/** The part of the SDK's fetcher configuration (`FetcherConfig`) that this run sets. */
type FetcherConfig = {
  dpopHandle: oidc.DPoPHandle;
  httpOptions: () => Record<string, never>;
  allowInsecureRequests: boolean;
  fetch: typeof fetch;
  getAccessToken: () => Promise<{ accessToken: string; token_type: string }>;
};
type FetcherModule = {
  Fetcher: new (
    config: FetcherConfig,
    hooks: Pick<FetcherConfig, "getAccessToken"> & { isDpopEnabled: () => boolean },
  ) => { fetchWithAuth: FetchWithAuth };
};

/**
 * The nonce the Payments API at `url` hands out now: every answer carries one, a refusal (this
 * request has no credentials) included.
 *
 * @example
 * await currentNonce("http://localhost:3981/api/payments"); // "<window>.<mac>"
 */
export async function currentNonce(url: string): Promise<string> {
  const response = await fetch(url);
  await response.body?.cancel();
  const nonce = response.headers.get("dpop-nonce");
  if (!nonce) throw new Error(`${url} sent no DPoP-Nonce: is DPOP_NONCE on?`);
  return nonce;
}

/** Polls the API (not through the fetcher) until its nonce changes; returns the seconds waited. */
async function untilNextNonce(url: string): Promise<number> {
  const startedAt = Date.now();
  const first = await currentNonce(url);
  while ((await currentNonce(url)) === first) {
    if (Date.now() - startedAt > ROLLOVER_WAIT_LIMIT_MS) {
      throw new Error(`The nonce of ${url} did not change in ${ROLLOVER_WAIT_LIMIT_MS} ms.`);
    }
    await sleep(ROLLOVER_POLL_MS);
  }
  return (Date.now() - startedAt) / 1000;
}

const isFetcherModule = (loaded: unknown): loaded is FetcherModule =>
  typeof loaded === "object" &&
  loaded !== null &&
  "Fetcher" in loaded &&
  typeof loaded.Fetcher === "function";

/**
 * `calls` sequential `GET`s of `url` through the SDK's fetcher with the client's Payments token,
 * counting what went over the wire: every request, each 401 whose challenge says
 * `use_dpop_nonce`, and the distinct `DPoP-Nonce` values the fetcher was handed. Halfway, the
 * calls pause until the API hands out a new nonce (watched outside the fetcher), so the second
 * half starts with the previous window's nonce: what a nonce window rolling over costs. A call
 * that still fails is counted, not thrown.
 *
 * @example
 * const sample = await measureNonceRetries(client, "http://localhost:3981/api/payments", 100);
 * sample.nonceRefusals; // 1: the first call had no nonce yet
 */
export async function measureNonceRetries(
  client: DpopClient,
  url: string,
  calls: number,
): Promise<NonceRetrySample> {
  const { Fetcher } = await sdkServerModule("fetcher.js", isFetcherModule);
  const seen = { requests: 0, nonceRefusals: 0, nonces: new Set<string>() };
  const countingFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    seen.requests += 1;
    const challenge = response.headers.get("www-authenticate") ?? "";
    if (response.status === 401 && challenge.includes('error="use_dpop_nonce"')) {
      seen.nonceRefusals += 1;
    }
    const nonce = response.headers.get("dpop-nonce");
    if (nonce) seen.nonces.add(nonce);
    return response;
  };
  const { access_token: accessToken, token_type: tokenType } = client.payments;
  const getAccessToken = () => Promise.resolve({ accessToken, token_type: tokenType });
  const fetcher = new Fetcher(
    {
      // A handle of the fetcher's own, as `fetcherFactory` makes: it has learned no nonce yet.
      dpopHandle: oidc.getDPoPHandle(client.config, client.keyPair),
      httpOptions: () => ({}),
      allowInsecureRequests: true,
      fetch: countingFetch,
      getAccessToken,
    },
    { getAccessToken, isDpopEnabled: () => true },
  );

  const startedAt = Date.now();
  let failures = 0;
  let rolloverWaitSeconds = 0;
  const pauseBefore = Math.floor(calls / 2);
  for (let call = 0; call < calls; call += 1) {
    if (call === pauseBefore) rolloverWaitSeconds = await untilNextNonce(url);
    const response = await fetcher.fetchWithAuth(url).catch(() => undefined);
    if (response?.status !== 200) failures += 1;
    await response?.body?.cancel();
  }
  return {
    client: "Fetcher (@auth0/nextjs-auth0 dist/server/fetcher.js) + oauth4webapi DPoP handle",
    calls,
    requests: seen.requests,
    nonceRefusals: seen.nonceRefusals,
    failures,
    noncesSeen: seen.nonces.size,
    rolloverBeforeCall: pauseBefore + 1,
    rolloverWaitSeconds,
    seconds: (Date.now() - startedAt) / 1000,
  };
}
