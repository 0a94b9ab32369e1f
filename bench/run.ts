/**
 * `npm run bench`: builds the app into `.next-bench`, starts the local issuer and `next start`
 * on ports of its own, measures everything in one run, and writes `bench/reports/latest.md`,
 * `latest.json` and the report block of `docs/benchmark.md`. The servers are stopped at the end,
 * on failure and on Ctrl-C.
 */
import { cpus, loadavg, platform, release } from "node:os";
import type { Browser } from "@playwright/test";
import { launchBrowser } from "./browser";
import { buildApp } from "./build";
import { loadTokenTtlSeconds, runTimeoutMs } from "./config";
import { measureAll } from "./measure";
import { writeReports } from "./report-files";
import type { Machine } from "./report-types";
import { BenchServers } from "./servers";

const startedAt = Date.now();
const log = (line: string) => console.log(`[bench] ${line}`);
const elapsed = () => Math.round((Date.now() - startedAt) / 1000);

const loadAtStart = loadavg();
const describeMachine = (): Machine => ({
  cores: cpus().length,
  cpu: cpus()[0]?.model.trim() ?? "unknown CPU",
  node: process.version,
  platform: `${platform()} ${release()}`,
  loadAverage: { start: loadAtStart, end: loadavg() },
});

const servers = new BenchServers();
let browser: Browser | undefined;
let cleaning: Promise<void> | undefined;
const cleanUp = () =>
  (cleaning ??= (async () => {
    await browser?.close().catch(() => undefined);
    await servers.stopAll();
  })());

let aborting = false;
const abort = (reason: string, code: number) => {
  // Ctrl-C reaches this process twice (from the terminal and relayed by tsx): a second signal
  // must not cut the clean-up short, as the default handler would.
  if (aborting) return;
  aborting = true;
  console.error(`[bench] ${reason}: stopping the servers…`);
  void cleanUp().finally(() => process.exit(code));
};
process.on("SIGINT", () => abort("interrupted", 130));
process.on("SIGTERM", () => abort("terminated", 143));
const watchdog = setTimeout(
  () => abort(`still running after ${runTimeoutMs / 60_000} minutes`, 1),
  runTimeoutMs,
);

try {
  await servers.assertPortsFree();
  log("building… (next build into .next-bench)");
  await buildApp();
  log(`built in ${elapsed()} s; starting servers…`);
  await servers.start(loadTokenTtlSeconds);
  browser = await launchBrowser();
  const figures = await measureAll(servers, browser, log);
  const machine = describeMachine();
  const report = { date: new Date().toISOString(), totalSeconds: elapsed(), machine, ...figures };
  const files = await writeReports(report);
  log(`wrote ${files.join(", ")} in ${elapsed()} s`);
} catch (error) {
  console.error(`[bench] failed after ${elapsed()} s:`, error);
  process.exitCode = 1;
} finally {
  clearTimeout(watchdog);
  await cleanUp();
}
