import { stillSignedInProbe } from "@/test-support/storm";
import { dashboardApis, stormPollMs, stormSeconds, targets } from "./config";
import { formatLoads, formatNumber, table } from "./markdown";
import { cookieCryptoSection, navigationCookiesSection } from "./report-cookie-costs";
import { dpopSection } from "./report-dpop";
import { boundedLoadSection, throughputSection } from "./report-load";
import { cookieSection, harshStormSection, redisOpsSection } from "./report-sessions";
import type { BenchReport } from "./report-types";

const yesNo = (value: boolean) => (value ? "yes" : "no");
const kib = (value: number) => formatNumber(value, 1);

function tokenRequests(report: BenchReport, h: string): string {
  const rows = report.tokenRequests.map((figure) => [
    figure.manager ? "on" : "off (`?manager=off`)",
    String(figure.tokenRequests),
    `${figure.widgetsOk} / ${figure.widgetsError}`,
    figure.target === undefined ? "—" : `≤ ${figure.target}`,
    figure.verdict,
  ]);
  return [
    `${h} Token requests per page load`,
    "Requests to `/auth/access-token` counted in the browser from navigation to `/token-races` " +
      "until all 10 widgets (5 Profile API, 5 Orders API) show `ok` or `error`, in a fresh page " +
      "of a signed-in context. Target: one request per audience per token lifetime.",
    table(["Token manager", "Token requests", "Widgets ok / error", "Target", "Result"], rows),
  ].join("\n\n");
}

function storm(report: BenchReport, h: string): string {
  const ttl = report.storm[0]?.ttlSeconds ?? 0;
  const rows = report.storm.map((figure) => [
    figure.manager ? "on" : "off",
    formatNumber(figure.windowSeconds, 1),
    formatNumber(figure.expiriesPerAudience, 1),
    ...dashboardApis.map((api) => String(figure.refreshGrants[api.audience] ?? 0)),
    String(figure.refreshErrors),
    String(figure.invalidGrant),
    String(figure.revokedGrants),
    String(figure.widgetsError),
    yesNo(figure.stillSignedIn),
    figure.manager ? `≤ ${figure.maxGrantsPerAudience} each, 0 failures` : "—",
    figure.verdict,
  ]);
  return [
    `${h} Refresh storm`,
    `The issuer restarted with ${ttl}-second access tokens; for each row a fresh sign-in, then ` +
      `\`/token-races?poll=${stormPollMs}\` (every widget gets its token and calls its API every ` +
      `second) for ${stormSeconds} s, then "Stop the storm". Counts are the issuer's ` +
      "`/__test/stats` before and after; " +
      "expiries = window ÷ token lifetime. Target: one refresh grant per audience per expiry " +
      "(at most the expiries rounded up, plus the audience's first token), no failed grant, " +
      "no revoked grant; still signed in means the token route then still gets a token that " +
      `needs a refresh grant (\`${stillSignedInProbe.scope}\` for ${stillSignedInProbe.audience}).`,
    table(
      [
        "Token manager",
        "Window (s)",
        "Expiries per audience",
        ...dashboardApis.map((api) => `Refresh grants, ${api.name}`),
        "Failed refresh grants",
        "invalid_grant",
        "Revoked grants",
        "Widgets in error",
        "Still signed in",
        "Target",
        "Result",
      ],
      rows,
    ),
  ].join("\n\n");
}

function pageJs(report: BenchReport, h: string): string {
  const rows = report.pageJs.figures.map((figure, index) => [
    `\`${figure.path}\``,
    String(figure.scripts),
    kib(figure.kib),
    index === 0 ? "—" : `${figure.aboveHomeKiB >= 0 ? "+" : ""}${kib(figure.aboveHomeKiB)}`,
    index === 0 ? "—" : `≤ +${targets.pageJsAboveHomeKiB}`,
    figure.verdict,
  ]);
  return [
    `${h} JavaScript per page`,
    "The encoded (as transferred) bodies of every script response a page loads, summed, in " +
      "Chromium with its cache off, signed in, until the network is idle " +
      `(content encodings seen: ${report.pageJs.encodings.join(", ")}). Next 16 no longer ` +
      "prints First Load JS; this is the figure. Target: no chapter downloads more than " +
      `${targets.pageJsAboveHomeKiB} KiB of JS above the home page.`,
    table(["Page", "Scripts", "JS (KiB)", "Above home (KiB)", "Target", "Result"], rows),
  ].join("\n\n");
}

/**
 * When and where a run was measured, how long it took and how busy the machine was; a warning
 * when other work kept more than half of its cores busy at the start.
 *
 * @example
 * intro({ date: "2026-12-05T14:05:00.000Z", totalSeconds: 447, machine });
 * // "Measured 2026-12-05 14:05 UTC on 2 cores (AMD EPYC), …"
 */
export function intro({
  date,
  machine,
  totalSeconds,
}: Pick<BenchReport, "date" | "machine" | "totalSeconds">): string {
  const { start, end } = machine.loadAverage;
  // Judged at the start only: by the end the average also holds this run's own work.
  const startLoad = start[0] ?? 0;
  const busy = startLoad > machine.cores / 2;
  return [
    `Measured ${date.slice(0, 16).replace("T", " ")} UTC on ${machine.cores} cores ` +
      `(${machine.cpu}), Node ${machine.node}, ${machine.platform}; the run took ` +
      `${formatNumber(totalSeconds)} s; load average ${formatLoads(start)} at the start, ` +
      `${formatLoads(end)} at the end. Servers, load generator and browser share the machine: compare ` +
      "the figures with each other, not with another machine's.",
    busy
      ? `**Other work kept the machine busy (1-minute load average ${formatNumber(startLoad, 2)} ` +
        `at the start, more than half of its ${machine.cores} cores): the throughput figures ` +
        "are unreliable; run again on a quiet machine.**"
      : "",
  ]
    .filter(Boolean)
    .join(" ");
}

/**
 * The report as Markdown: when and where it ran, one table per figure group with its method,
 * and how to reproduce it. `headingLevel` sets the sections' depth (2 for the report file, 3
 * inside `docs/benchmark.md`).
 *
 * @example
 * writeFileSync("bench/reports/latest.md", `# Benchmark report\n\n${renderReport(report, 2)}`);
 */
export function renderReport(report: BenchReport, headingLevel: number): string {
  const h = "#".repeat(headingLevel);
  return [
    intro(report),
    throughputSection(report, h),
    boundedLoadSection(report, h),
    dpopSection(report, h),
    tokenRequests(report, h),
    storm(report, h),
    harshStormSection(report, h),
    redisOpsSection(report, h),
    pageJs(report, h),
    cookieSection(report, h),
    navigationCookiesSection(report, h),
    cookieCryptoSection(report, h),
    "Reproduce: `npm run bench`",
  ].join("\n\n");
}

/** What `npm run bench -- --only dpop` writes: when and where, then the DPoP section alone. */
export type DpopReport = Pick<BenchReport, "date" | "totalSeconds" | "machine" | "dpop">;

/**
 * The report of a DPoP-only run, `bench/reports/dpop.md`.
 *
 * @example
 * renderDpopReport(report); // "# Benchmark report: DPoP only\n\nMeasured …"
 */
export function renderDpopReport(report: DpopReport): string {
  return [
    "# Benchmark report: DPoP only",
    intro(report),
    dpopSection(report, "##"),
    "Reproduce: `npm run bench -- --only dpop` (the whole benchmark: `npm run bench`)",
  ].join("\n\n");
}
