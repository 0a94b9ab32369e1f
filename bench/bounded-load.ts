import { setTimeout as sleep } from "node:timers/promises";
import { appPort, boundedLoad } from "./config";
import { emptyTally, runAutocannon, toLoadSample, type LoadTarget } from "./load";
import { rssBytes, sampleRss, servingProcess } from "./process-memory";
import type { BenchReport } from "./report-types";
import { judgeBoundedRun, judgeMemory } from "./verdicts";

/**
 * Exactly `boundedLoad.amount` requests per route, one route after the other, while the app
 * server's RSS is sampled; then whether its memory comes back near where it was at rest. The
 * reading at rest follows a warm-up and an idle pause, the reading after the same idle pause,
 * so the two compare like with like. The server cannot be told to collect garbage from outside
 * (no `--expose-gc`, no route for it), so the pause is all it gets, as in production.
 *
 * @example
 * const figures = await measureBoundedLoad(app.child.pid, [tokenRoute, profileApi], console.log);
 * figures.memory.verdict; // "PASS"
 */
export async function measureBoundedLoad(
  appPid: number,
  targets: LoadTarget[],
  log: (line: string) => void,
): Promise<BenchReport["boundedLoad"]> {
  const { amount, connections, warmupAmount, settleSeconds, sampleMs } = boundedLoad;
  const server = servingProcess(appPid, appPort);
  log(`measuring the RSS of pid ${server.pid} (${server.command})`);
  for (const target of targets) {
    log(`warming up GET ${target.path} (${warmupAmount} requests)…`);
    await runAutocannon(target, { connections, amount: warmupAmount });
  }
  const settle = async (when: string) => {
    log(`idle ${settleSeconds} s, then the RSS ${when}…`);
    await sleep(settleSeconds * 1000);
    return rssBytes(server.pid);
  };
  const restBytes = await settle("at rest");

  const figures = [];
  for (const target of targets) {
    log(`GET ${target.path}: ${amount} requests at ${connections} connections…`);
    const tally = emptyTally();
    const sampler = sampleRss(server.pid, sampleMs);
    let peakRssBytes = 0;
    try {
      await runAutocannon(target, { connections, amount }, tally);
    } finally {
      // Stopped on failure too: a running timer would keep the benchmark from exiting.
      peakRssBytes = sampler.stop();
    }
    figures.push(judgeBoundedRun({ ...toLoadSample(target, tally), peakRssBytes }));
  }
  const peakBytes = Math.max(restBytes, ...figures.map((figure) => figure.peakRssBytes));
  const memory = judgeMemory({ restBytes, peakBytes, afterBytes: await settle("after") });
  return { amount, connections, warmupAmount, settleSeconds, sampleMs, server, figures, memory };
}
