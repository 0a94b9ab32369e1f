import autocannon from "autocannon";
import { appUrl, load } from "./config";
import type { LoadSample } from "./report-types";
import { percentile, roundOrder } from "./sample-stats";

/** One route to load: its path and the headers every request carries (cookie, bearer). */
export type LoadTarget = { label: string; path: string; headers?: Record<string, string> };

type Tally = { latencies: number[]; seconds: number; non2xx: number; errors: number };

/**
 * Loads each route with autocannon: a short warm-up per route whose figures are dropped (JIT,
 * connections, first-hit caches), then `load.rounds` slices per route, interleaved forwards and
 * backwards, so that other work on the machine weighs on every route alike. Requests/s is all
 * responses over all measured time; p50 and p99 are taken over every response.
 *
 * @example
 * const [health, token] = await measureLoad([health, tokenRoute], console.log);
 * health.requestsPerSecond; // e.g. 2100
 */
export async function measureLoad(
  targets: LoadTarget[],
  log: (line: string) => void,
): Promise<LoadSample[]> {
  for (const target of targets) {
    log(`warming up GET ${target.path} (${load.warmupSeconds} s)…`);
    await slice(target, load.warmupSeconds);
  }
  const tallies = new Map<LoadTarget, Tally>(
    targets.map((target) => [target, { latencies: [], seconds: 0, non2xx: 0, errors: 0 }]),
  );
  for (const [round, order] of roundOrder(targets, load.rounds).entries()) {
    for (const target of order) {
      const of = `round ${round + 1} of ${load.rounds}`;
      log(`measuring GET ${target.path}, ${of} (${load.sliceSeconds} s)…`);
      const tally = tallies.get(target);
      if (tally) await slice(target, load.sliceSeconds, tally);
    }
  }
  return targets.map((target) => {
    const tally = tallies.get(target) ?? { latencies: [], seconds: 1, non2xx: 0, errors: 0 };
    return {
      label: target.label,
      path: target.path,
      requestsPerSecond: tally.latencies.length / tally.seconds,
      p50Ms: percentile(tally.latencies, 50),
      p99Ms: percentile(tally.latencies, 99),
      requests: tally.latencies.length,
      non2xx: tally.non2xx,
      errors: tally.errors,
    };
  });
}

/** One autocannon run; with a tally, its responses, time and failures are added to it. */
function slice(target: LoadTarget, seconds: number, tally?: Tally): Promise<void> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${appUrl}${target.path}`,
        connections: load.connections,
        duration: seconds,
        headers: target.headers,
      },
      (error: unknown, result) => {
        if (error) return reject(error instanceof Error ? error : new Error(String(error)));
        if (tally) {
          tally.seconds += result.duration;
          tally.non2xx += result.non2xx;
          tally.errors += result.errors;
        }
        resolve();
      },
    );
    if (tally) {
      instance.on("response", (_client, _status, _bytes, responseTime) => {
        tally.latencies.push(responseTime);
      });
    }
  });
}
