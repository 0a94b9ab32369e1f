import fc from "fast-check";
import { writeReportPair } from "@/bench/report-files";
import type { SurfaceProperty } from "@/test-support/surface-property";

/** One surface's run, as the report lists it. */
export type SurfaceResult = {
  surface: string;
  cases: number;
  /** HTTP surfaces only: every status their requests were answered with. */
  statuses?: number[];
  seconds: number;
  passed: boolean;
  counterexample?: unknown;
};

/**
 * Runs one surface's property and times it; a failure is printed with its shrunk counterexample.
 *
 * @example
 * const result = await runSurface(pureSurfaces[0], { numRuns: 10_000, seed: 1 }, console.log);
 */
export async function runSurface(
  property: SurfaceProperty,
  params: { numRuns: number; seed: number },
  log: (line: string) => void,
): Promise<SurfaceResult> {
  const started = performance.now();
  const details = await property.check(params);
  const seconds = Number(((performance.now() - started) / 1000).toFixed(1));
  const statuses = property.statuses?.();
  log(
    `${property.surface}: ${details.numRuns} cases in ${seconds} s` +
      `${statuses ? `, statuses ${statuses.join(" ")}` : ""}, ${details.failed ? "FAILED" : "held"}`,
  );
  if (details.failed) log(fc.defaultReportMessage(details) ?? "failed");
  return {
    surface: property.surface,
    cases: details.numRuns,
    ...(statuses && { statuses }),
    seconds,
    passed: !details.failed,
    ...(details.failed && { counterexample: details.counterexample }),
  };
}

const PROSE =
  "The properties: the session cookie guard, the token route's request check and the source " +
  "viewer's path check in [`test-support/pure-properties.ts`](../../test-support/pure-properties.ts); " +
  "the Profile and Orders APIs' route handlers, in this process with a test issuer, in " +
  "[`test-support/api-properties.ts`](../../test-support/api-properties.ts), and the Payments " +
  "API's (DPoP tokens and proofs, good and hostile) in " +
  "[`test-support/dpop-api-property.ts`](../../test-support/dpop-api-property.ts); the local issuer's " +
  "token endpoint (refresh grants, the issuer started in this process) in " +
  "[`test-support/refresh-grant-properties.ts`](../../test-support/refresh-grant-properties.ts); " +
  "the token route over HTTP (the issuer and `next start` of the end-to-end build on ports " +
  "4801 and 3801, with and without one signed-in session) in " +
  "[`test-support/token-route-property.ts`](../../test-support/token-route-property.ts); a 431 " +
  "there is Node's own answer to a request whose headers are over its 16 KiB limit, before the " +
  "app runs, and the property expects it exactly then. " +
  "`npm test` runs a few hundred cases of each from a fixed seed and from one seed of its own " +
  "(the token route in `e2e/generated-token-requests.spec.ts`).";

const cell = (text: string) => text.replaceAll("|", "\\|");

/**
 * Writes `bench/reports/fuzz.md` and `fuzz.json`: per surface the cases, the distinct statuses
 * (HTTP surfaces), the seconds, the result and any shrunk counterexample. Returns their paths.
 *
 * @example
 * await writeFuzzReport({ cases: 10_000, seed: 1, totalSeconds: 120, results });
 */
export function writeFuzzReport(run: {
  cases: number;
  seed: number;
  totalSeconds: number;
  results: SurfaceResult[];
}): Promise<string[]> {
  const { cases, seed, totalSeconds, results } = run;
  const rows = results.map((result) => {
    const counterexample = result.passed
      ? "—"
      : `\`${cell(JSON.stringify(result.counterexample) ?? "").slice(0, 200)}\``;
    return (
      `| ${result.surface} | ${result.cases.toLocaleString("en")} | ` +
      `${result.statuses?.join(", ") ?? "—"} | ${result.seconds} | ` +
      `${result.passed ? "PASS" : "FAIL"} | ${counterexample} |`
    );
  });
  const date = new Date().toISOString();
  const markdown = [
    "# Generated inputs",
    "",
    `\`npm run fuzz\`, ${date.slice(0, 16).replace("T", " ")} UTC, Node ${process.version}: ` +
      `${cases.toLocaleString("en")} cases per surface from seed ${seed} ` +
      `(\`FUZZ_SEED=<seed> npm run fuzz\` replays them), ${totalSeconds} s in all. ${PROSE}`,
    "",
    "| Surface | Cases | Distinct statuses | Seconds | Result | Shrunk counterexample |",
    "| ------- | ----- | ----------------- | ------- | ------ | --------------------- |",
    ...rows,
    "",
  ].join("\n");
  return writeReportPair("fuzz", markdown, {
    date,
    seed,
    casesPerSurface: cases,
    totalSeconds,
    results,
  });
}
