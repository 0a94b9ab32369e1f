import type { LoadFigure } from "./report-types";

/**
 * The shapes of the DPoP section (`bench/dpop.ts`): what the Payments API's proof check costs
 * against the Bearer Orders API on the same server, and how often the SDK's fetcher has to retry
 * for a server nonce.
 */

/** Sequential calls through the SDK's fetcher, and what went over the wire for them. */
export type NonceRetrySample = {
  /** Which client made the calls. */
  client: string;
  calls: number;
  /** Every request sent: calls plus retries. */
  requests: number;
  /** 401 answers whose challenge says `use_dpop_nonce`. */
  nonceRefusals: number;
  /** Calls that did not end in a 200, retry included. */
  failures: number;
  /** Distinct `DPoP-Nonce` values the fetcher was handed: one per nonce window it saw. */
  noncesSeen: number;
  /** The call (from 1) before which the run waited until the API's nonce changed. */
  rolloverBeforeCall: number;
  rolloverWaitSeconds: number;
  /** From the first call to the last, the wait included. */
  seconds: number;
};

export type DpopFigures = {
  /** `DPOP_NONCE` of the section's app. */
  nonce: "required";
  /** The load generator signs one proof per Payments request; this is what one costs it, idle. */
  proofMicroseconds: number;
  /** 1, 5 and 15 minute load averages right before and right after the two routes' runs. */
  loadAverage: { before: number[]; after: number[] };
  /** The Orders API first (the baseline), then the Payments API with its ratio to Orders. */
  figures: LoadFigure[];
  nonceRetries: NonceRetrySample & { retriesPer100Calls: number };
};
