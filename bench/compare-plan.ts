import { compare } from "./config";
import type { LoadTarget } from "./load";
import type { BenchReport, LoadFigure, LoadSample } from "./report-types";
import { judgeLoad } from "./verdicts";

/**
 * The pure parts of `npm run bench:compare`: which apps each commit gets and on which ports,
 * what is loaded and in which order, and how the rounds' figures become each row's ratios.
 */

/** The name the working tree is measured under; it is always measured, and first. */
export const HEAD = "HEAD";

export type SessionMode = "cookie" | "Redis";

/** A commit measured. `HEAD` is the working tree as it is, uncommitted changes included. */
export type CompareRef = {
  /** As given on the command line. */
  name: string;
  /** Full hash; for `HEAD`, the commit the working tree is on. */
  commit: string;
  subject: string;
  /** The working tree differs from `commit` (`HEAD` only): its files were built as they are. */
  uncommitted: boolean;
  /** The commit reads `REDIS_URL` (sessions in Redis); without it, only the cookie app runs. */
  redisMode: boolean;
};

/** One `next start` of a ref's build, in one session mode. */
export type CompareApp = { ref: string; sessions: SessionMode; port: number; url: string };

/** An app's cached token route, as loaded: its figures and the ratios to `/api/health`. */
export type CompareRow = LoadFigure & { ref: string; sessions: SessionMode };

export type CompareReport = Pick<BenchReport, "date" | "totalSeconds" | "machine"> & {
  /** The throughput run's settings and load averages (`loadAverage`: right before and after). */
  load: Omit<BenchReport["load"], "cookieBytes" | "redisCookieBytes" | "figures">;
  refs: CompareRef[];
  /** `/api/health` of HEAD's cookie-mode app: every ratio's denominator, round by round. */
  health: LoadFigure;
  rows: CompareRow[];
};

/**
 * Two ports per ref from `compare.firstAppPort` on, the cookie-mode app first; a ref without a
 * Redis mode leaves its second port unused, so a ref's ports never depend on the refs before it.
 *
 * @example
 * planApps([head, old]).map((app) => `${app.ref} ${app.sessions} ${app.port}`);
 * // ["HEAD cookie 3701", "HEAD Redis 3702", "1db50a4 cookie 3703"] (1db50a4 has no Redis mode)
 */
export function planApps(refs: readonly CompareRef[]): CompareApp[] {
  const lastPort = compare.firstAppPort + 2 * refs.length - 1;
  if (lastPort > compare.lastAppPort) {
    throw new Error(`Too many refs: ports up to ${compare.lastAppPort} fit only so many apps.`);
  }
  return refs.flatMap((ref, index) => {
    const modes: SessionMode[] = ref.redisMode ? ["cookie", "Redis"] : ["cookie"];
    return modes.map((sessions, offset) => {
      const port = compare.firstAppPort + 2 * index + offset;
      return { ref: ref.name, sessions, port, url: `http://localhost:${port}` };
    });
  });
}

const where = (sessions: SessionMode) => (sessions === "cookie" ? "the cookie" : "Redis");

/**
 * What `measureLoad` runs, in its first round's order (the next round goes backwards):
 * `/api/health` of the first app (HEAD's cookie-mode app), then each app's token route with its
 * signed-in user's `Cookie` header.
 *
 * @example
 * compareTargets([{ ...headCookieApp, cookie: "appSession=…" }]).map((t) => t.path);
 * // ["/api/health", "/auth/access-token"]
 */
export function compareTargets(apps: readonly (CompareApp & { cookie: string })[]): LoadTarget[] {
  const [first] = apps;
  if (!first) throw new Error("No app to measure.");
  return [
    { label: `${first.ref}, trivial JSON`, path: "/api/health", origin: first.url },
    ...apps.map((app) => ({
      label: `${app.ref}, cached token, sessions in ${where(app.sessions)}`,
      path: "/auth/access-token",
      headers: { cookie: app.cookie },
      origin: app.url,
    })),
  ];
}

/**
 * The samples of `compareTargets(apps)`, in that order, as rows: each round's requests/s
 * divided by `/api/health`'s in the same round, and the median of those ratios (`judgeLoad`).
 *
 * @example
 * const { health, rows } = judgeCompare(apps, await measureLoad(compareTargets(apps), log));
 * rows[0].ratio; // e.g. 0.94
 */
export function judgeCompare(
  apps: readonly CompareApp[],
  [health, ...tokens]: readonly LoadSample[],
): { health: LoadFigure; rows: CompareRow[] } {
  if (!health || tokens.length !== apps.length) {
    throw new Error(`Expected ${apps.length + 1} samples, got ${tokens.length + 1}.`);
  }
  const [base, ...figures] = judgeLoad(
    health,
    tokens.map((sample) => ({ sample })),
  );
  if (!base) throw new Error("The trivial route was not judged.");
  const rows = apps.map((app, index) => {
    const figure = figures[index];
    if (!figure) throw new Error(`${app.ref} (${app.sessions}) was not judged.`);
    return { ...figure, ref: app.ref, sessions: app.sessions };
  });
  return { health: base, rows };
}

/**
 * Each other ref's median ratio divided by HEAD's in the same session mode: 0.80 means the ref's
 * token route did 80 % of what HEAD's did against the same `/api/health`. Undefined where either
 * side was not measured (a ref without a Redis mode).
 *
 * @example
 * vsHead(rows, "9d9cc46", "cookie"); // e.g. 0.8
 */
export function vsHead(
  rows: readonly CompareRow[],
  ref: string,
  sessions: SessionMode,
): number | undefined {
  const find = (name: string) => rows.find((row) => row.ref === name && row.sessions === sessions);
  const head = find(HEAD);
  const other = find(ref);
  if (!head || !other || head.ratio === 0) return undefined;
  return other.ratio / head.ratio;
}
