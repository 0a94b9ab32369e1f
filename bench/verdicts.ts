import { targets } from "./config";
import type {
  BoundedRunFigure,
  BoundedRunSample,
  LoadFigure,
  LoadSample,
  MemoryFigure,
  MemorySample,
  PageJsFigure,
  PageJsSample,
  StormFigure,
  StormSample,
  TokenRequestsFigure,
  TokenRequestsSample,
  Verdict,
} from "./report-types";
import { median } from "./sample-stats";

/**
 * PASS or MISS.
 *
 * @example
 * verdict(2 <= 3); // "PASS"
 */
export const verdict = (pass: boolean): Verdict => (pass ? "PASS" : "MISS");
const clean = (sample: LoadSample) => sample.non2xx === 0 && sample.errors === 0;
const MIB = 1024 * 1024;

/**
 * Each route's requests/s as a share of the trivial route's, round by round (both measured in the
 * same round), and the median of those ratios against the route's target: one round slowed by
 * other work does not decide the verdict. A route without a target is a figure only
 * (`baseline`). A run with failed requests is a MISS whatever its speed: fast errors prove
 * nothing.
 *
 * @example
 * judgeLoad(health, [{ sample: tokenRoute, target: 0.9 }, { sample: pageView }]);
 * // [health (baseline), token route (PASS or MISS), page view (baseline)]
 */
export function judgeLoad(
  baseline: LoadSample,
  measured: { sample: LoadSample; target?: number }[],
): LoadFigure[] {
  const base: LoadFigure = {
    ...baseline,
    roundRatios: baseline.roundRequestsPerSecond.map(() => 1),
    ratio: 1,
    verdict: clean(baseline) ? "baseline" : "MISS",
  };
  return [
    base,
    ...measured.map(({ sample, target }): LoadFigure => {
      if (sample.roundRequestsPerSecond.length !== baseline.roundRequestsPerSecond.length) {
        throw new Error(`${sample.label} was not measured in the trivial route's rounds.`);
      }
      const roundRatios = sample.roundRequestsPerSecond.map(
        (rate, round) => rate / (baseline.roundRequestsPerSecond[round] ?? 0),
      );
      const ratio = median(roundRatios);
      const figure = { ...sample, roundRatios, ratio };
      if (target === undefined) return { ...figure, verdict: clean(sample) ? "baseline" : "MISS" };
      return { ...figure, target, verdict: verdict(clean(sample) && ratio >= target) };
    }),
  ];
}

/**
 * A route under the bounded load passes with every request answered 2xx: no error, no non-2xx.
 *
 * @example
 * judgeBoundedRun({ ...tokenRoute, errors: 3, peakRssBytes: 200 * 1024 ** 2 }).verdict; // "MISS"
 */
export function judgeBoundedRun(sample: BoundedRunSample): BoundedRunFigure {
  return { ...sample, verdict: verdict(clean(sample)) };
}

/**
 * The server's RSS after the bounded load, settled, against its RSS at rest: at most
 * `memoryAfterRatio` times it or `memoryAfterSlackMiB` above it, whichever allows more.
 *
 * @example
 * const mib = 1024 * 1024;
 * judgeMemory({ restBytes: 100 * mib, peakBytes: 180 * mib, afterBytes: 125 * mib }).verdict;
 * // "PASS": 30 MiB above rest is allowed, more than 25 %
 */
export function judgeMemory(sample: MemorySample): MemoryFigure {
  const allowedAfterBytes = Math.max(
    sample.restBytes * targets.memoryAfterRatio,
    sample.restBytes + targets.memoryAfterSlackMiB * MIB,
  );
  return { ...sample, allowedAfterBytes, verdict: verdict(sample.afterBytes <= allowedAfterBytes) };
}

/**
 * With the manager: at most one token request per audience, and every widget loaded.
 *
 * @example
 * const sample = { manager: true, tokenRequests: 2, widgetsOk: 10, widgetsError: 0 };
 * judgeTokenRequests(sample).verdict; // "PASS"
 */
export function judgeTokenRequests(sample: TokenRequestsSample): TokenRequestsFigure {
  if (!sample.manager) return { ...sample, verdict: "baseline" };
  const target = targets.tokenRequestsPerLoad;
  return {
    ...sample,
    target,
    verdict: verdict(sample.tokenRequests <= target && sample.widgetsError === 0),
  };
}

/**
 * With the manager: one refresh grant per audience per expiry (plus the audience's first
 * token), no failed grant, no revoked grant, no widget in error, and still signed in.
 *
 * @example
 * judgeStorm(sample, ["https://profile-api.example.com", "https://orders-api.example.com"]);
 */
export function judgeStorm(sample: StormSample, audiences: readonly string[]): StormFigure {
  const expiriesPerAudience = sample.windowSeconds / sample.ttlSeconds;
  const maxGrantsPerAudience = Math.ceil(expiriesPerAudience) + 1;
  const figure = { ...sample, expiriesPerAudience, maxGrantsPerAudience };
  if (!sample.manager) return { ...figure, verdict: "baseline" };
  const grantsOk = audiences.every((audience) => {
    const grants = sample.refreshGrants[audience] ?? 0;
    return grants >= 1 && grants <= maxGrantsPerAudience;
  });
  const clean =
    sample.refreshErrors === 0 &&
    sample.invalidGrant === 0 &&
    sample.revokedGrants === 0 &&
    sample.widgetsError === 0;
  return { ...figure, verdict: verdict(grantsOk && clean && sample.stillSignedIn) };
}

/**
 * KiB of JS per page and the difference from the first page (the home page), against the
 * allowance for a chapter.
 *
 * @example
 * judgePageJs([
 *   { path: "/", scripts: 9, bytes: 153600 },
 *   { path: "/basic-usage", scripts: 10, bytes: 163840 },
 * ]);
 * // /basic-usage: 160 KiB, 10 KiB above the home page, PASS
 */
export function judgePageJs(samples: PageJsSample[]): PageJsFigure[] {
  const homeKiB = (samples[0]?.bytes ?? 0) / 1024;
  return samples.map((sample, index) => {
    const kib = sample.bytes / 1024;
    const aboveHomeKiB = kib - homeKiB;
    const pass = aboveHomeKiB <= targets.pageJsAboveHomeKiB;
    return { ...sample, kib, aboveHomeKiB, verdict: index === 0 ? "baseline" : verdict(pass) };
  });
}
