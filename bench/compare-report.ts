import {
  HEAD,
  vsHead,
  type CompareReport,
  type CompareRow,
  type SessionMode,
} from "./compare-plan";
import { formatLoads, formatNumber, formatRatio, table } from "./markdown";
import { intro } from "./report";
import type { LoadFigure } from "./report-types";

/**
 * `bench/reports/compare.md`: the cached token route of several commits, measured side by side
 * in one run by `npm run bench:compare`.
 */

const short = (commit: string) => commit.slice(0, 7);
const sessionsIn = (sessions: SessionMode) => (sessions === "cookie" ? "cookie" : "Redis");

function refsTable({ refs }: CompareReport): string {
  const rows = refs.map((ref) => [
    ref.name === HEAD ? `${HEAD} (the working tree)` : `\`${ref.name}\``,
    `\`${short(ref.commit)}\`${ref.uncommitted ? " + uncommitted changes" : ""}`,
    ref.subject.replaceAll("|", "\\|"),
    ref.redisMode ? "cookie, Redis" : "cookie (no Redis mode at this commit)",
  ]);
  return table(["Ref", "Commit", "Subject", "Sessions measured"], rows);
}

function method({ load, health }: CompareReport): string {
  return (
    "Every commit is built (`next build`) in a worktree of its own and started twice with " +
    "`next start`: sessions in the cookie, and with `REDIS_URL` (sessions in Redis, one " +
    "`redis-server`, a database per commit), all against one local issuer. Each app is " +
    "signed in in a browser context of its own, gets a Profile API and an Orders API token, " +
    "then asks the token route once more: the route under load (`GET /auth/access-token`, no " +
    "query) answers from the session, nothing refreshes. autocannon, " +
    `${load.connections} connections: a ${load.warmupSeconds} s warm-up per target (dropped), ` +
    `then ${load.rounds} rounds of ${load.sliceSeconds} s per target, every target once per ` +
    "round, forwards then backwards in turn, so that other work on the machine weighs on every " +
    `commit alike. Ratio: a round's requests/s divided by \`${health.path}\`'s on HEAD's ` +
    "cookie-mode app in the same round; the median of the rounds' ratios is what commits are " +
    "compared on. Load average (1 / 5 / 15 min): " +
    `${formatLoads(load.loadAverage.before)} right before the load runs, ` +
    `${formatLoads(load.loadAverage.after)} right after.`
  );
}

function row(ref: string, sessions: string, figure: LoadFigure): string[] {
  return [
    ref,
    sessions,
    figure.roundRequestsPerSecond.map((rate) => formatNumber(rate)).join(" / "),
    figure.roundRatios.map(formatRatio).join(" / "),
    formatRatio(figure.ratio),
  ];
}

function resultsTable({ health, rows }: CompareReport): string {
  return table(
    ["Ref", "Sessions", "Req/s per round", "Ratio per round", "Median ratio"],
    [
      row(HEAD, `— (\`${health.path}\`, baseline)`, health),
      ...rows.map((figure) => row(figure.ref, sessionsIn(figure.sessions), figure)),
    ],
  );
}

/**
 * One line per commit other than HEAD: its median ratio in each session mode divided by HEAD's.
 *
 * @example
 * versusHeadLine(report, "9d9cc46");
 * // "- `9d9cc46`: sessions in the cookie 0.80×, in Redis 0.95×, of HEAD's median ratio"
 */
export function versusHeadLine(report: CompareReport, ref: string): string {
  const cookie = vsHead(report.rows, ref, "cookie");
  const redis = vsHead(report.rows, ref, "Redis");
  const measured = (value: number | undefined) =>
    value === undefined ? "not measured" : formatRatio(value);
  const redisPart = report.refs.find((r) => r.name === ref)?.redisMode
    ? `in Redis ${measured(redis)}`
    : "no Redis mode at this commit";
  return `- \`${ref}\`: sessions in the cookie ${measured(cookie)}, ${redisPart}, of HEAD's median ratio`;
}

function failures({ health, rows }: CompareReport): string {
  const failed = [{ ...health, ref: HEAD, sessions: "cookie" as const }, ...rows].filter(
    (figure: CompareRow) => figure.non2xx + figure.errors > 0,
  );
  if (failed.length === 0) return "Every request was answered 2xx.";
  const lines = failed.map(
    (figure) =>
      `- \`${figure.ref}\` ${figure.path} (${sessionsIn(figure.sessions)}): ` +
      `${formatNumber(figure.non2xx)} non-2xx, ${formatNumber(figure.errors)} errors`,
  );
  return [
    "**Failed requests: their rows count fast failures, not tokens; do not compare them.**",
    ...lines,
  ].join("\n");
}

/**
 * The whole report as Markdown: when and where, the commits, the method, the table
 * `ref | sessions | req/s per round | ratio per round | median ratio`, each commit against HEAD,
 * and how to run it again.
 *
 * @example
 * writeFileSync("bench/reports/compare.md", renderCompare(report));
 */
export function renderCompare(report: CompareReport): string {
  const others = report.refs.filter((ref) => ref.name !== HEAD).map((ref) => ref.name);
  return [
    "# Cached token route, commit by commit",
    intro(report),
    refsTable(report),
    method(report),
    resultsTable(report),
    "Median ratio vs HEAD (each commit's median ratio divided by HEAD's in the same session " +
      "mode; 1.00× is as fast as HEAD, 0.80× a fifth slower):",
    others.map((ref) => versusHeadLine(report, ref)).join("\n"),
    failures(report),
    `Reproduce: \`npm run bench:compare -- ${others.join(" ")}\``,
  ].join("\n\n");
}
