import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { format, resolveConfig } from "prettier";
import { replaceBetween } from "./markdown";
import { renderReport } from "./report";
import type { BenchReport } from "./report-types";

const REPORT_DIR = "bench/reports";
const REPORT_PAGE = "docs/benchmark.md";
const START = "<!-- bench:start -->";
const END = "<!-- bench:end -->";

/** Markdown as the project's Prettier would write it (aligned tables), so format checks pass. */
async function prettierMarkdown(markdown: string): Promise<string> {
  const options = (await resolveConfig(REPORT_PAGE)) ?? {};
  return format(markdown, { ...options, parser: "markdown" });
}

/**
 * Writes `bench/reports/<name>.md` (formatted by Prettier) and `<name>.json`; returns their paths.
 *
 * @example
 * await writeReportPair("compare", "# Comparison\n…", report);
 * // ["bench/reports/compare.md", "bench/reports/compare.json"]
 */
export async function writeReportPair(
  name: string,
  markdown: string,
  data: unknown,
): Promise<string[]> {
  mkdirSync(REPORT_DIR, { recursive: true });
  const markdownPath = `${REPORT_DIR}/${name}.md`;
  const jsonPath = `${REPORT_DIR}/${name}.json`;
  writeFileSync(markdownPath, await prettierMarkdown(markdown));
  writeFileSync(jsonPath, `${JSON.stringify(data, null, 2)}\n`);
  return [markdownPath, jsonPath];
}

/**
 * Writes `bench/reports/latest.md` and `latest.json`, then the same tables into
 * `docs/benchmark.md` between `<!-- bench:start -->` and `<!-- bench:end -->`. That page is read
 * and written in one step at the very end: other parts of it may be edited while the benchmark
 * runs.
 *
 * @example
 * await writeReports(report); // paths of the files written
 */
export async function writeReports(report: BenchReport): Promise<string[]> {
  const page = `# Benchmark report\n\n${renderReport(report, 2)}`;
  const files = await writeReportPair("latest", page, report);

  const block = await prettierMarkdown(renderReport(report, 3));
  writeFileSync(REPORT_PAGE, replaceBetween(readFileSync(REPORT_PAGE, "utf8"), START, END, block));
  return [...files, REPORT_PAGE];
}
