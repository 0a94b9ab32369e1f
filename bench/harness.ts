import { cpus, loadavg, platform, release } from "node:os";
import type { Machine } from "./report-types";

/**
 * What `npm run bench` and `npm run bench:compare` share around their measurements: the
 * machine's description, and a run bounded by a watchdog whose clean-up (servers, browser,
 * worktrees) runs at the end, on failure, on Ctrl-C and when the watchdog fires.
 */

/**
 * The machine, with its load averages at `loadAtStart` and now.
 *
 * @example
 * const loadAtStart = loadavg();
 * describeMachine(loadAtStart).cores; // 2
 */
export const describeMachine = (loadAtStart: number[]): Machine => ({
  cores: cpus().length,
  cpu: cpus()[0]?.model.trim() ?? "unknown CPU",
  node: process.version,
  platform: `${platform()} ${release()}`,
  loadAverage: { start: loadAtStart, end: loadavg() },
});

export type BoundedRun = {
  /** The log lines' prefix, `[bench]`. */
  tag: string;
  timeoutMs: number;
  /** What the abort message says is being stopped: "the servers". */
  stopping: string;
  /** Stops what `body` started; called once, however the run ends. */
  cleanUp: () => Promise<void>;
  body: (log: (line: string) => void, elapsed: () => number) => Promise<void>;
};

/**
 * Runs `body`, then `cleanUp`; a failure is printed and sets exit code 1. SIGINT, SIGTERM and
 * the watchdog (`timeoutMs`) run `cleanUp` too, then exit.
 *
 * @example
 * await boundedRun({ tag: "[bench]", timeoutMs: 15 * 60_000, stopping: "the servers",
 *   cleanUp: () => servers.stopAll(), body: async (log) => log("measuring…") });
 */
export async function boundedRun({ tag, timeoutMs, stopping, cleanUp, body }: BoundedRun) {
  const startedAt = Date.now();
  const log = (line: string) => console.log(`${tag} ${line}`);
  const elapsed = () => Math.round((Date.now() - startedAt) / 1000);
  let cleaning: Promise<void> | undefined;
  const cleanUpOnce = () => (cleaning ??= cleanUp());

  let aborting = false;
  const abort = (reason: string, code: number) => {
    // Ctrl-C reaches this process twice (from the terminal and relayed by tsx): a second signal
    // must not cut the clean-up short, as the default handler would.
    if (aborting) return;
    aborting = true;
    console.error(`${tag} ${reason}: stopping ${stopping}…`);
    void cleanUpOnce().finally(() => process.exit(code));
  };
  process.on("SIGINT", () => abort("interrupted", 130));
  process.on("SIGTERM", () => abort("terminated", 143));
  const watchdog = setTimeout(
    () => abort(`still running after ${timeoutMs / 60_000} minutes`, 1),
    timeoutMs,
  );

  try {
    await body(log, elapsed);
  } catch (error) {
    console.error(`${tag} failed after ${elapsed()} s:`, error);
    process.exitCode = 1;
  } finally {
    clearTimeout(watchdog);
    await cleanUpOnce();
  }
}
