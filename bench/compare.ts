/**
 * `npm run bench:compare -- <ref> [<ref> …]`: the cached token route of several commits, side
 * by side in one run on one machine, so that a claim such as "no slower than before" can be
 * checked. The working tree is always measured too, as `HEAD`.
 *
 * Each commit is checked out in a worktree under `/tmp/bench-compare-*` and built there; one
 * local issuer (this tree's), one `redis-server`, and per commit a `next start` with sessions
 * in the cookie and one with `REDIS_URL` (when the commit has that mode). Each app is signed in,
 * then autocannon loads HEAD's `/api/health` and every app's token route, interleaved round by
 * round. Writes `bench/reports/compare.md` and `compare.json`. Servers and worktrees are removed
 * at the end, on failure, on Ctrl-C and when the watchdog fires.
 */
import { loadavg } from "node:os";
import type { Browser } from "@playwright/test";
import { inSignedInContext } from "@/e2e/fixtures";
import { cachedTokenSession, launchBrowser } from "./browser";
import {
  compareTargets,
  HEAD,
  judgeCompare,
  planApps,
  type CompareApp,
  type CompareReport,
} from "./compare-plan";
import { renderCompare } from "./compare-report";
import { compareAppEnv, CompareServers } from "./compare-servers";
import { CompareWorktrees } from "./compare-worktrees";
import { compare, load } from "./config";
import { boundedRun, describeMachine } from "./harness";
import { measureLoad } from "./load";
import { writeReportPair } from "./report-files";

const names = process.argv.slice(2);
if (names.length === 0) {
  console.error("Usage: npm run bench:compare -- <ref> [<ref> …] (HEAD is always measured)");
  process.exit(2);
}
const builds = new Set([HEAD, ...names]).size;

const loadAtStart = loadavg();
const worktrees = new CompareWorktrees();
const servers = new CompareServers();
let browser: Browser | undefined;

/**
 * Signs every app in (a context of its own, both APIs' tokens, then the cached one), then loads
 * the targets interleaved; the load average is read right before and after.
 */
async function measure(browser: Browser, apps: CompareApp[], log: (line: string) => void) {
  const signedIn = [];
  for (const app of apps) {
    log(`signing in on ${app.url} (${app.ref}, sessions in ${app.sessions})…`);
    const { cookie } = await inSignedInContext(browser, app.url, (context) =>
      cachedTokenSession(context, app.url),
    );
    signedIn.push({ ...app, cookie });
  }
  const before = loadavg();
  const samples = await measureLoad(compareTargets(signedIn), log);
  const after = loadavg();
  return { load: { ...load, loadAverage: { before, after } }, ...judgeCompare(apps, samples) };
}

await boundedRun({
  tag: "[compare]",
  timeoutMs: (compare.baseMinutes + compare.minutesPerBuild * builds) * 60_000,
  stopping: "the servers and removing the worktrees",
  cleanUp: async () => {
    await browser?.close().catch(() => undefined);
    await servers.stopAll();
    await worktrees.removeAll();
  },
  body: async (log, elapsed) => {
    const sources = await worktrees.resolve(names);
    const refs = sources.map((source) => source.ref);
    const apps = planApps(refs);
    await servers.assertPortsFree(apps);
    for (const ref of refs.filter((r) => !r.redisMode)) {
      log(`${ref.name} has no Redis session mode: only its cookie-mode app is measured.`);
    }
    const dirs = new Map<string, string>();
    for (const source of sources) {
      const { name, commit } = source.ref;
      log(`building ${name} (${commit.slice(0, 7)}) in a worktree of its own…`);
      const url = apps.find((app) => app.ref === name)?.url ?? "";
      dirs.set(name, await worktrees.checkOutAndBuild(source, compareAppEnv(url)));
      log(`built ${name} at ${elapsed()} s`);
    }
    log("starting the issuer, redis-server and the apps…");
    await servers.start(apps, dirs);
    browser = await launchBrowser();
    const figures = await measure(browser, apps, log);
    const machine = describeMachine(loadAtStart);
    const date = new Date().toISOString();
    const report: CompareReport = { date, totalSeconds: elapsed(), machine, refs, ...figures };
    const files = await writeReportPair("compare", renderCompare(report), report);
    log(`wrote ${files.join(", ")} in ${elapsed()} s`);
  },
});
