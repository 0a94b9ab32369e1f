import autocannon from "autocannon";
import { appUrl, load } from "./config";
import type { LoadSample } from "./report-types";
import { percentile, roundOrder } from "./sample-stats";

/**
 * One route to load: its path, the headers every request carries (cookie, bearer), and the app it
 * goes to (`appUrl` unless said: the app with sessions in the cookie). `perRequest` adds headers
 * made anew for each request (a single-use DPoP proof); it runs in the load generator, inside the
 * timed window, so it must be cheap and synchronous.
 */
export type LoadTarget = {
  label: string;
  path: string;
  headers?: Record<string, string>;
  origin?: string;
  perRequest?: () => Record<string, string>;
};

/**
 * What the measured runs of a route saw, added up over its runs; `rounds` keeps each run's own
 * requests/s, for the ratios judged round by round.
 */
export type Tally = {
  latencies: number[];
  seconds: number;
  non2xx: number;
  errors: number;
  rounds: number[];
};

/** How long one autocannon run lasts: `duration` seconds, or exactly `amount` requests. */
export type RunLength = { connections: number } & ({ duration: number } | { amount: number });

/** An empty tally, for `runAutocannon` to add to. */
export const emptyTally = (): Tally => ({
  latencies: [],
  seconds: 0,
  non2xx: 0,
  errors: 0,
  rounds: [],
});

/**
 * Loads each route with autocannon: a short warm-up per route whose figures are dropped (JIT,
 * connections, first-hit caches), then `load.rounds` slices per route, interleaved forwards and
 * backwards, so that other work on the machine weighs on every route alike. Requests/s is all
 * responses over all measured time, and each round's own is kept; p50 and p99 are taken over
 * every response.
 *
 * @example
 * const [health, token] = await measureLoad([health, tokenRoute], console.log);
 * health.requestsPerSecond; // e.g. 2100
 */
export async function measureLoad(
  targets: LoadTarget[],
  log: (line: string) => void,
): Promise<LoadSample[]> {
  const { connections } = load;
  for (const target of targets) {
    log(`warming up GET ${target.path}, ${target.label} (${load.warmupSeconds} s)…`);
    await runAutocannon(target, { connections, duration: load.warmupSeconds });
  }
  const tallies = new Map(targets.map((target) => [target, emptyTally()]));
  for (const [round, order] of roundOrder(targets, load.rounds).entries()) {
    for (const target of order) {
      const of = `round ${round + 1} of ${load.rounds}`;
      log(`measuring GET ${target.path}, ${target.label}, ${of} (${load.sliceSeconds} s)…`);
      await runAutocannon(
        target,
        { connections, duration: load.sliceSeconds },
        tallies.get(target),
      );
    }
  }
  return targets.map((target) => toLoadSample(target, tallies.get(target) ?? emptyTally()));
}

/**
 * A route's figures from its tally: requests/s over the measured time, p50 and p99 over every
 * response.
 *
 * @example
 * toLoadSample(target, tally).requestsPerSecond; // e.g. 900
 */
export function toLoadSample(target: LoadTarget, tally: Tally): LoadSample {
  return {
    label: target.label,
    path: target.path,
    requestsPerSecond: tally.seconds > 0 ? tally.latencies.length / tally.seconds : 0,
    roundRequestsPerSecond: tally.rounds,
    p50Ms: percentile(tally.latencies, 50),
    p99Ms: percentile(tally.latencies, 99),
    requests: tally.latencies.length,
    non2xx: tally.non2xx,
    errors: tally.errors,
  };
}

/**
 * One autocannon run against a route; with a tally, its responses, time and failures are added
 * to it, and its requests/s is one more round (without a tally, it is a warm-up).
 *
 * @example
 * const tally = emptyTally();
 * await runAutocannon(target, { connections: 50, amount: 10_000 }, tally);
 */
export function runAutocannon(target: LoadTarget, length: RunLength, tally?: Tally): Promise<void> {
  let responses = 0;
  return new Promise((resolve, reject) => {
    const { perRequest } = target;
    // autocannon rebuilds a request that has a `setupRequest` before each send, and only then.
    const requests = perRequest && [
      {
        setupRequest: (request: autocannon.Request) => ({
          ...request,
          headers: { ...request.headers, ...perRequest() },
        }),
      },
    ];
    const instance = autocannon(
      {
        url: `${target.origin ?? appUrl}${target.path}`,
        headers: target.headers,
        ...(requests ? { requests } : {}),
        ...length,
      },
      (error: unknown, result) => {
        if (error) return reject(error instanceof Error ? error : new Error(String(error)));
        if (tally) {
          tally.seconds += result.duration;
          tally.non2xx += result.non2xx;
          tally.errors += result.errors;
          tally.rounds.push(result.duration > 0 ? responses / result.duration : 0);
        }
        resolve();
      },
    );
    if (tally) {
      instance.on("response", (_client, _status, _bytes, responseTime) => {
        tally.latencies.push(responseTime);
        responses += 1;
      });
    }
  });
}
