/**
 * `npm run fuzz`: ten thousand generated cases against each surface an attacker reaches that runs
 * in this process (the session cookie guard, the token route's request check, the source
 * viewer's path check: `test-support/pure-properties.ts`; the Profile API's route handlers with
 * a test issuer: `test-support/api-properties.ts`), from one seed it prints (`FUZZ_SEED` replays
 * it), and a report in `bench/reports/fuzz.md` (and `.json`): cases, time and any shrunk counterexample.
 * Exits non-zero when a property fails.
 */
import fc from "fast-check";
import { writeReportPair } from "@/bench/report-files";
import { profileApiProperty } from "@/test-support/api-properties";
import { pointAppAtIssuer } from "@/test-support/api-route-issuer";
import { startJwksIssuer } from "@/test-support/jwks-issuer";
import { pureSurfaces } from "@/test-support/pure-properties";

const CASES = Number(process.env.FUZZ_CASES ?? 10_000);
const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));

console.log(`[fuzz] ${CASES} cases per surface, seed ${seed} (FUZZ_SEED=${seed} replays it)`);
const issuer = await startJwksIssuer();
pointAppAtIssuer(issuer);
const profileRoutes = await import("@/app/api/profile/me/route");
const surfaces = [...pureSurfaces, profileApiProperty(issuer, profileRoutes)];

const rows: string[] = [];
const results: { surface: string; cases: number; seconds: number; counterexample?: unknown }[] = [];
let failures = 0;
for (const { surface, check } of surfaces) {
  const started = performance.now();
  const details = await check({ numRuns: CASES, seed });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  results.push({
    surface,
    cases: details.numRuns,
    seconds: Number(seconds),
    ...(details.failed && { counterexample: details.counterexample }),
  });
  const failure = details.failed ? (fc.defaultReportMessage(details) ?? "failed") : "";
  if (details.failed) failures += 1;
  const counterexample = details.counterexample ? JSON.stringify(details.counterexample) : "—";
  rows.push(
    `| ${surface} | ${details.numRuns.toLocaleString("en")} | ${seconds} | ${details.failed ? "FAIL" : "PASS"} | ${details.failed ? `\`${counterexample.slice(0, 200)}\`` : "—"} |`,
  );
  console.log(
    `[fuzz] ${surface}: ${details.numRuns} cases in ${seconds} s, ${details.failed ? "FAILED" : "held"}`,
  );
  if (failure) console.log(failure);
}

const files = await writeReportPair(
  "fuzz",
  [
    "# Generated inputs",
    "",
    `\`npm run fuzz\`, ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, Node ${process.version}: ` +
      `${CASES.toLocaleString("en")} cases per surface from seed ${seed} ` +
      "(`FUZZ_SEED=<seed> npm run fuzz` replays them). The properties are in " +
      "[`test-support/pure-properties.ts`](../../test-support/pure-properties.ts); `npm test` runs " +
      "300 cases of each from a fixed seed and from one seed of its own.",
    "",
    "| Surface | Cases | Seconds | Result | Shrunk counterexample |",
    "| ------- | ----- | ------- | ------ | --------------------- |",
    ...rows,
    "",
  ].join("\n"),
  { date: new Date().toISOString(), seed, casesPerSurface: CASES, results },
);
console.log(`[fuzz] wrote ${files.join(", ")}`);
await issuer.close();
process.exitCode = failures > 0 ? 1 : 0;
