import { targets } from "./config";
import { formatLoads, formatNumber, formatRatio, table } from "./markdown";
import type { BenchReport, LoadFigure } from "./report-types";

/**
 * A loaded route's row: route, requests/s, p50, p99, failed requests, its ratio per round and
 * their median (against the baseline it was judged with).
 *
 * @example
 * loadFigureCells(figure); // ["`GET /api/orders` (Orders API)", "530", "82", "215", "0", "1.00× / …", "1.00×"]
 */
export function loadFigureCells(figure: LoadFigure): string[] {
  return [
    `\`GET ${figure.path}\` (${figure.label})`,
    formatNumber(figure.requestsPerSecond),
    formatNumber(figure.p50Ms),
    formatNumber(figure.p99Ms),
    formatNumber(figure.non2xx + figure.errors),
    figure.roundRatios.map(formatRatio).join(" / "),
    formatRatio(figure.ratio),
  ];
}

/**
 * The throughput table: each route's requests/s against the trivial route's, round by round,
 * and the median of those ratios that the verdict is judged on.
 *
 * @example
 * throughputSection(report, "###"); // "### Throughput\n\nautocannon, 50 connections…"
 */
export function throughputSection(report: BenchReport, h: string): string {
  const { loadAverage, rounds } = report.load;
  const rows = report.load.figures.map((figure) => [
    ...loadFigureCells(figure),
    figure.target === undefined ? "—" : `≥ ${formatRatio(figure.target)}`,
    figure.verdict,
  ]);
  return [
    `${h} Throughput`,
    `autocannon, ${report.load.connections} connections, against \`next start\` on loopback: a ` +
      `${report.load.warmupSeconds} s warm-up per route (dropped), then ${rounds} rounds of ` +
      `${report.load.sliceSeconds} s per route, every route once per round, forwards then ` +
      "backwards in turn, so other work on the machine weighs on every route alike; " +
      "requests/s is every response over all rounds, p50 and p99 over every response. The " +
      "token route gets the session " +
      `cookie of a signed-in user (${formatNumber(report.load.cookieBytes)} bytes) after one ` +
      "call, so its token is cached and nothing refreshes; the same build started a second " +
      "time with `REDIS_URL` (sessions in Redis) gets its own signed-in user's cookie " +
      `(${formatNumber(report.load.redisCookieBytes)} bytes, the session's id) the same way; ` +
      "each demo API gets a bearer token for its audience. Page views: `GET /` on each app " +
      "with that app's signed-in cookie (the page reads the session, and the proxy rolls it) " +
      "and without any cookie, figures with no target. Ratio: a round's requests/s divided by " +
      "`/api/health`'s (on the cookie-mode app) in the same round; the table gives the " +
      `${rounds} rounds' ratios in the order they ran and their median, which the verdict is ` +
      "judged on. Load average (1 / 5 / 15 min): " +
      `${formatLoads(loadAverage.before)} right before the throughput runs, ` +
      `${formatLoads(loadAverage.after)} right after.`,
    table(
      [
        ...["Route", "Requests/s", "p50 (ms)", "p99 (ms)", "Failed", "Ratio per round"],
        ...["Median ratio", "Target", "Result"],
      ],
      rows,
    ),
  ].join("\n\n");
}

const mib = (bytes: number) => formatNumber(bytes / 1024 ** 2, 1);

/**
 * The bounded load tables: a fixed number of requests per route, then the server's memory at
 * rest, at its peak and after, with the bound and why it is that one.
 *
 * @example
 * boundedLoadSection(report, "###"); // "### Bounded load\n\nExactly 10,000 requests…"
 */
export function boundedLoadSection({ boundedLoad: run }: BenchReport, h: string): string {
  const { server, memory } = run;
  const rows = run.figures.map((figure) => [
    `\`GET ${figure.path}\` (${figure.label})`,
    formatNumber(figure.requests),
    formatNumber(figure.requestsPerSecond),
    formatNumber(figure.p50Ms),
    formatNumber(figure.p99Ms),
    formatNumber(figure.non2xx),
    formatNumber(figure.errors),
    mib(figure.peakRssBytes),
    "0 non-2xx, 0 errors",
    figure.verdict,
  ]);
  const total = run.amount * run.figures.length;
  const { memoryAfterRatio: ratio, memoryAfterSlackMiB: slack } = targets;
  const growth = memory.afterBytes - memory.restBytes;
  const allowance = memory.allowedAfterBytes - memory.restBytes;
  const processes = server.treePids.length === 1 ? "the only process" : "the one listening";
  return [
    `${h} Bounded load`,
    `Exactly ${formatNumber(run.amount)} requests per route at ${run.connections} connections ` +
      "(autocannon's `amount`), one route after the other, on the same requests as the " +
      `throughput table, after a warm-up of ${formatNumber(run.warmupAmount)} requests per ` +
      `route. Memory is the resident set (\`VmRSS\` in \`/proc/<pid>/status\`) of pid ` +
      `${server.pid}, \`${server.command}\`: ${processes} of the ${server.treePids.length} in ` +
      "the tree of the process the benchmark spawned for `next start`. At rest and after: " +
      `read once the server has been idle ${run.settleSeconds} s (nothing tells it to collect ` +
      `garbage); peak: sampled every ${run.sampleMs} ms while the requests run. Target: no ` +
      `failed request, and RSS after at most ${formatNumber((ratio - 1) * 100)} % or ` +
      `${slack} MiB above rest, whichever is larger: a percentage alone would allow a small ` +
      "server a few MiB, less than V8's young generation and the allocator keep after a burst " +
      `without any leak; the allowance here, ${mib(allowance)} MiB over these ` +
      `${formatNumber(total)} requests, is ${formatNumber(allowance / total)} bytes per ` +
      "request, so a leak larger than that fails.",
    table(
      [
        ...["Route", "Requests", "Requests/s", "p50 (ms)", "p99 (ms)", "Non-2xx", "Errors"],
        ...["Peak RSS (MiB)", "Target", "Result"],
      ],
      rows,
    ),
    table(
      [
        "RSS at rest (MiB)",
        "Peak (MiB)",
        "After (MiB)",
        "After − rest (MiB)",
        "Allowed after (MiB)",
        "Result",
      ],
      [
        [
          mib(memory.restBytes),
          mib(memory.peakBytes),
          mib(memory.afterBytes),
          `${growth >= 0 ? "+" : ""}${mib(growth)}`,
          `≤ ${mib(memory.allowedAfterBytes)}`,
          memory.verdict,
        ],
      ],
    ),
  ].join("\n\n");
}
