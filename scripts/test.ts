/**
 * `npm test`: every check the project has, in order, with one closing line that sums them all:
 * lint, typecheck and format (one check each), the unit and contract tests (node:test), the
 * production builds (one check each, listed in `config/builds.ts`), and the end-to-end suite
 * (Playwright).
 *
 * Every step runs even when an earlier one failed, so one run shows everything that is wrong;
 * only the end-to-end suite needs the builds and is counted as failed without them.
 *
 * Name steps to run only those: `npm run test:unit` is `tsx scripts/test.ts unit`,
 * `npm run build:e2e` is `tsx scripts/test.ts build`.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildEnv, builds } from "@/config/builds";

const STEPS = ["lint", "typecheck", "format", "unit", "build", "e2e"] as const;
type Step = (typeof STEPS)[number];
const isStep = (name: string): name is Step => (STEPS as readonly string[]).includes(name);

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !isStep(name));
if (unknown.length > 0) {
  console.error(`Unknown step: ${unknown.join(", ")}. Steps: ${STEPS.join(", ")}.`);
  process.exit(2);
}
/** No step named: all of them. */
const wanted = (step: Step) => asked.length === 0 || asked.includes(step);

type Tally = { passed: number; failed: number };
const results: { step: string; tally: Tally }[] = [];
const RESULTS_DIR = "test-results";
mkdirSync(RESULTS_DIR, { recursive: true });

function run(command: string, args: string[], env: Record<string, string> = {}): boolean {
  const shownEnv = Object.entries(env).map(([name, value]) => `${name}=${value}`);
  console.log(`\n> ${[...shownEnv, command, ...args].join(" ")}`);
  return (
    spawnSync(command, args, { stdio: "inherit", shell: false, env: { ...process.env, ...env } })
      .status === 0
  );
}

function check(
  step: string,
  command: string,
  args: string[],
  env?: Record<string, string>,
): boolean {
  const ok = run(command, args, env);
  results.push({ step, tally: { passed: ok ? 1 : 0, failed: ok ? 0 : 1 } });
  return ok;
}

/**
 * Unit and contract tests live next to the code as `*.test.ts`. The one place that finds them:
 * `npm test` and `npm run test:unit` both run the `unit` step.
 */
function findTestFiles(dir: string): string[] {
  const skip = new Set(["node_modules", ".next", ".git", "e2e", RESULTS_DIR]);
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith(".") && entry.isDirectory()) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return skip.has(entry.name) ? [] : findTestFiles(path);
    return entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

function tapCount(file: string, key: "pass" | "fail"): number {
  const match = readFileSync(file, "utf8").match(new RegExp(`^# ${key} (\\d+)$`, "m"));
  return match ? Number(match[1]) : 0;
}

const bin = (name: string) => join("node_modules", ".bin", name);

/** The unit and contract tests, with one tally from node:test's TAP report. */
function unitTests(): Tally {
  const tap = join(RESULTS_DIR, "unit.tap");
  writeFileSync(tap, "");
  const ok = run(process.execPath, [
    // Lets `import "server-only"` load outside Next, as it does in Server Components.
    "--conditions=react-server",
    "--import",
    "tsx",
    "--test",
    "--test-reporter=spec",
    "--test-reporter-destination=stdout",
    "--test-reporter=tap",
    `--test-reporter-destination=${tap}`,
    ...findTestFiles("."),
  ]);
  const unit = { passed: tapCount(tap, "pass"), failed: tapCount(tap, "fail") };
  if (!ok && unit.failed === 0) unit.failed = 1;
  return unit;
}

/** The end-to-end suite, with one tally from Playwright's JSON report. */
function e2eTests(): Tally {
  const ok = run(bin("playwright"), ["test"]);
  const report = join(RESULTS_DIR, "e2e.json");
  let e2e: Tally = { passed: 0, failed: 1 };
  try {
    const { stats } = JSON.parse(readFileSync(report, "utf8")) as {
      stats: { expected: number; unexpected: number; flaky: number };
    };
    e2e = { passed: stats.expected + stats.flaky, failed: stats.unexpected };
  } catch {
    console.error(`No Playwright report at ${report}.`);
  }
  if (!ok && e2e.failed === 0) e2e.failed = 1;
  return e2e;
}

if (wanted("lint")) check("lint", bin("eslint"), ["."]);
if (wanted("typecheck")) check("typecheck", bin("tsc"), ["--noEmit"]);
if (wanted("format")) check("format", bin("prettier"), ["--check", "."]);
if (wanted("unit")) results.push({ step: "unit", tally: unitTests() });

let built = true;
if (wanted("build")) {
  // Every build runs, even after one failed.
  for (const build of Object.values(builds)) {
    built = check(build.name, bin("next"), ["build"], buildEnv(build)) && built;
  }
}

if (wanted("e2e")) {
  results.push({ step: "e2e", tally: built ? e2eTests() : { passed: 0, failed: 1 } });
}

console.log("\nSummary:");
for (const { step, tally } of results) {
  console.log(`  ${step.padEnd(28)} ${tally.passed} passed, ${tally.failed} failed`);
}
const total = results.reduce(
  (sum, { tally }) => ({ passed: sum.passed + tally.passed, failed: sum.failed + tally.failed }),
  { passed: 0, failed: 0 },
);
const line = `${total.passed} passed, ${total.failed} failed`;
// The closing line of a full run only: CI reads it, and a partial run would pass for one.
if (asked.length === 0) writeFileSync(join(RESULTS_DIR, "summary.txt"), `${line}\n`);
console.log(line);
process.exit(total.failed === 0 ? 0 : 1);
