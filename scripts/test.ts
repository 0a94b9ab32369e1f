/**
 * `npm test`: every check the project has, in order, with one closing line that sums them all:
 * lint, typecheck and format (one check each), the unit and contract tests (node:test), the
 * production build (one check), and the end-to-end suite (Playwright).
 *
 * Every step runs even when an earlier one failed, so one run shows everything that is wrong;
 * only the end-to-end suite needs the build and is counted as failed without it.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { customRouteDistDir, customTokenRoute } from "@/e2e/support/servers";

type Tally = { passed: number; failed: number };
const results: { step: string; tally: Tally }[] = [];
const RESULTS_DIR = "test-results";
mkdirSync(RESULTS_DIR, { recursive: true });

function run(command: string, args: string[]): boolean {
  console.log(`\n> ${[command, ...args].join(" ")}`);
  return spawnSync(command, args, { stdio: "inherit", shell: false }).status === 0;
}

function check(step: string, command: string, args: string[]): boolean {
  const ok = run(command, args);
  results.push({ step, tally: { passed: ok ? 1 : 0, failed: ok ? 0 : 1 } });
  return ok;
}

/** Unit and contract tests live next to the code as `*.test.ts`. */
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

check("lint", bin("eslint"), ["."]);
check("typecheck", bin("tsc"), ["--noEmit"]);
check("format", bin("prettier"), ["--check", "."]);

const unitFiles = findTestFiles(".");
const tap = join(RESULTS_DIR, "unit.tap");
writeFileSync(tap, "");
const unitOk = run(process.execPath, [
  // Lets `import "server-only"` load outside Next, as it does in Server Components.
  "--conditions=react-server",
  "--import",
  "tsx",
  "--test",
  "--test-reporter=spec",
  "--test-reporter-destination=stdout",
  "--test-reporter=tap",
  `--test-reporter-destination=${tap}`,
  ...unitFiles,
]);
const unit = { passed: tapCount(tap, "pass"), failed: tapCount(tap, "fail") };
if (!unitOk && unit.failed === 0) unit.failed = 1;
results.push({ step: "unit", tally: unit });

const built = check("build", bin("next"), ["build"]);
// The configuration chapter's second build: another token route, in its own output folder.
process.env.NEXT_DIST_DIR = customRouteDistDir;
process.env.NEXT_PUBLIC_ACCESS_TOKEN_ROUTE = customTokenRoute;
const builtCustom = check("build (custom token route)", bin("next"), ["build"]);
delete process.env.NEXT_DIST_DIR;
delete process.env.NEXT_PUBLIC_ACCESS_TOKEN_ROUTE;

if (built && builtCustom) {
  const e2eOk = run(bin("playwright"), ["test"]);
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
  if (!e2eOk && e2e.failed === 0) e2e.failed = 1;
  results.push({ step: "e2e", tally: e2e });
} else {
  results.push({ step: "e2e", tally: { passed: 0, failed: 1 } });
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
writeFileSync(join(RESULTS_DIR, "summary.txt"), `${line}\n`);
console.log(line);
process.exit(total.failed === 0 ? 0 : 1);
