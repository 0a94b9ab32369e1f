/**
 * A Markdown table. Columns are not padded: Prettier aligns them when the report is written.
 *
 * @example
 * table(["Route", "Requests/s"], [["/api/health", "2,100"]]);
 * // | Route | Requests/s |\n| --- | --- |\n| /api/health | 2,100 |
 */
export function table(headers: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(headers), line(headers.map(() => "---")), ...rows.map(line)].join("\n");
}

/**
 * A number with thousands separators and a fixed number of decimals.
 *
 * @example
 * formatNumber(2104.57); // "2,105"
 * formatNumber(0.9312, 2); // "0.93"
 */
export function formatNumber(value: number, decimals = 0): string {
  return value.toLocaleString("en-US", {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
}

/**
 * A ratio as a multiplier.
 *
 * @example
 * formatRatio(0.9312); // "0.93×"
 */
export function formatRatio(value: number): string {
  return `${formatNumber(value, 2)}×`;
}

/**
 * The 1, 5 and 15 minute load averages, as the report states them.
 *
 * @example
 * formatLoads([0.96, 2.971, 3.6]); // "0.96 / 2.97 / 3.60"
 */
export function formatLoads(averages: readonly number[]): string {
  return averages.map((n) => formatNumber(n, 2)).join(" / ");
}

/**
 * Replaces what lies between two marker comments, keeping the markers: the report block of
 * `docs/benchmark.md` is rewritten by every run and nothing around it is touched. Blank lines
 * separate the block from the markers: a line right after an HTML comment would belong to the
 * comment's HTML block and not be rendered as Markdown.
 *
 * @example
 * replaceBetween("a <!-- s -->old<!-- e --> b", "<!-- s -->", "<!-- e -->", "new");
 * // "a <!-- s -->\n\nnew\n\n<!-- e --> b"
 */
export function replaceBetween(text: string, start: string, end: string, block: string): string {
  const from = text.indexOf(start);
  const to = text.indexOf(end, from + start.length);
  if (from === -1 || to === -1) throw new Error(`Markers ${start} … ${end} not found.`);
  return `${text.slice(0, from + start.length)}\n\n${block.trim()}\n\n${text.slice(to)}`;
}
