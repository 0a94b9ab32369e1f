import type { DpopFigures } from "./dpop-types";
import { formatLoads, formatNumber, table } from "./markdown";
import { loadFigureCells } from "./report-load";
import type { BenchReport } from "./report-types";

/** The two routes' figures, and what signing cost the load generator at the Payments rate. */
function proofCheckCost(dpop: DpopFigures, h: string): string {
  const [orders, payments] = dpop.figures;
  const rows = dpop.figures.map(loadFigureCells);
  const rounds = orders?.roundRatios.length ?? 0;
  const signingShare = ((payments?.requestsPerSecond ?? 0) * dpop.proofMicroseconds) / 1e4;
  return [
    `${h} DPoP: the Payments API's proof check`,
    "The Payments API (DPoP-bound tokens only, a proof per request) against the Bearer Orders " +
      "API on the same `next start`, an app and issuer of this section's own with " +
      `\`DPOP_NONCE=${dpop.nonce}\`, loaded exactly as the throughput table (same connections, ` +
      `warm-up, ${rounds} interleaved rounds). The tokens come from a sign-in of an openid-client ` +
      "DPoP client: the Payments token bound to its ES256 key, the Orders one a plain Bearer " +
      "token. Proofs are single-use, so each Payments request carries a new one (new `jti`, " +
      "`iat` now, `ath` of the token, the server nonce fetched right before the runs), signed " +
      "in the load generator as the request is built (node:crypto, synchronous): " +
      `${formatNumber(dpop.proofMicroseconds, 1)} µs per proof, timed idle, so about ` +
      `${formatNumber(signingShare, 1)} % of one core at the Payments rate below, taken from ` +
      "the 2 cores the server shares with the load generator. Both routes have every request " +
      "rebuilt; only the signature differs. Ratio: Payments requests/s divided by Orders " +
      "requests/s in the same round; the median is the figure (the issue sets no target). " +
      `Load average (1 / 5 / 15 min): ${formatLoads(dpop.loadAverage.before)} right before ` +
      `these runs, ${formatLoads(dpop.loadAverage.after)} right after.`,
    table(
      [
        ...["Route", "Requests/s", "p50 (ms)", "p99 (ms)", "Failed"],
        ...["Ratio to Orders per round", "Median ratio"],
      ],
      rows,
    ),
  ].join("\n\n");
}

/** The fetcher's `use_dpop_nonce` retries, and why there are that many. */
function nonceRetries({ nonceRetries: run }: DpopFigures, h: string): string {
  const retries = run.requests - run.calls;
  const before = run.rolloverBeforeCall;
  return [
    `${h} DPoP: the fetcher's nonce retries`,
    `${formatNumber(run.calls)} sequential \`GET /api/payments\` calls through the SDK's own ` +
      "`Fetcher` (`@auth0/nextjs-auth0`, `dist/server/fetcher.js`, built as `fetcherFactory` " +
      "builds it: a DPoP handle of its own from oauth4webapi, the SDK's default retry of one, " +
      "after 50-100 ms), with the Payments token of the section above. Before call " +
      `${formatNumber(before)} the calls paused until the API handed out a new nonce ` +
      `(${formatNumber(run.rolloverWaitSeconds, 1)} s, watched outside the fetcher), so a ` +
      `nonce window rolled over between calls ${formatNumber(before - 1)} and ` +
      `${formatNumber(before)}; ${formatNumber(run.seconds, 1)} s in all. Counted on the wire: ` +
      "every request, and each 401 whose `WWW-Authenticate` says `use_dpop_nonce`; nonces " +
      "seen are the distinct `DPoP-Nonce` values the fetcher was handed. Why this many: the " +
      "first call has no nonce (a new fetcher's handle has learned none), so it is refused " +
      "once and retried with the nonce of that refusal. After that the API sends its current " +
      "nonce with every answer, successes included, and the handle keeps the newest; a nonce " +
      "is accepted in its one-minute window and the next two " +
      "(`lib/demo-apis/server/dpop-nonce.ts`), so the call after a rollover still carries an " +
      "accepted nonce and its answer brings the new one: a rollover costs no retry. A retry " +
      "comes back only for a fetcher idle for over two minutes, or once per new fetcher (one " +
      "made per request pays it on every call).",
    table(
      [
        ...["Client", "Calls", "Requests sent", "`use_dpop_nonce` refusals", "Retries"],
        ...["Retries per 100 calls", "Nonces seen", "Failed calls"],
      ],
      [
        [
          run.client,
          formatNumber(run.calls),
          formatNumber(run.requests),
          formatNumber(run.nonceRefusals),
          formatNumber(retries),
          formatNumber(run.retriesPer100Calls, 1),
          formatNumber(run.noncesSeen),
          formatNumber(run.failures),
        ],
      ],
    ),
  ].join("\n\n");
}

/**
 * The DPoP section: the Payments API's throughput against the Orders API's on one server, and
 * the SDK fetcher's nonce retries per 100 calls.
 *
 * @example
 * dpopSection(report, "###"); // "### DPoP: the Payments API's proof check\n\n…"
 */
export function dpopSection({ dpop }: Pick<BenchReport, "dpop">, h: string): string {
  return [proofCheckCost(dpop, h), nonceRetries(dpop, h)].join("\n\n");
}
