/**
 * `npm run bench`: builds the app into `.next-bench`, starts the local issuer and `next start`
 * on ports of its own, measures everything in one run, and writes `bench/reports/latest.md`,
 * `latest.json` and the report block of `docs/benchmark.md`. The servers are stopped at the end,
 * on failure and on Ctrl-C.
 *
 * `npm run bench -- --only dpop`: the same build, then the DPoP section alone on its own issuer
 * and app (`bench/dpop.ts`), written to `bench/reports/dpop.md` and `dpop.json`; the other
 * reports are left as they are.
 */
import { loadavg } from "node:os";
import type { Browser } from "@playwright/test";
import { launchBrowser } from "./browser";
import { buildApp } from "./build";
import { benchOnly, loadTokenTtlSeconds, runTimeoutMs } from "./config";
import { measureDpop } from "./dpop";
import { boundedRun, describeMachine } from "./harness";
import { measureAll } from "./measure";
import { renderDpopReport } from "./report";
import { writeReportPair, writeReports } from "./report-files";
import { BenchServers } from "./servers";

const loadAtStart = loadavg();
const only = benchOnly(process.argv.slice(2));
const servers = new BenchServers();
let browser: Browser | undefined;

await boundedRun({
  tag: "[bench]",
  timeoutMs: runTimeoutMs,
  stopping: "the servers",
  cleanUp: async () => {
    await browser?.close().catch(() => undefined);
    await servers.stopAll();
  },
  body: async (log, elapsed) => {
    await servers.assertPortsFree(only);
    log("building… (next build into .next-bench)");
    await buildApp();
    log(`built in ${elapsed()} s; starting servers…`);
    if (only === "dpop") {
      const dpop = await measureDpop(servers, log);
      const machine = describeMachine(loadAtStart);
      const report = { date: new Date().toISOString(), totalSeconds: elapsed(), machine, dpop };
      const files = await writeReportPair("dpop", renderDpopReport(report), report);
      log(`wrote ${files.join(", ")} in ${elapsed()} s`);
      return;
    }
    await servers.start(loadTokenTtlSeconds);
    browser = await launchBrowser();
    const figures = await measureAll(servers, browser, log);
    const machine = describeMachine(loadAtStart);
    const report = { date: new Date().toISOString(), totalSeconds: elapsed(), machine, ...figures };
    const files = await writeReports(report);
    log(`wrote ${files.join(", ")} in ${elapsed()} s`);
  },
});
