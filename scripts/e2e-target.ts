/**
 * `npm run test:e2e:target`: the end-to-end suite against an app that is already running, on a
 * real tenant. The same as `E2E_BASE_URL=... npx playwright test`, except that it refuses to
 * start without the target: unset, Playwright would quietly run the local suite instead.
 * Arguments go to Playwright (`npm run test:e2e:target -- e2e/basic-usage.spec.ts`).
 */
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

function exitWith(message: string): never {
  console.error(message);
  process.exit(2);
}

// Imported here, not above: the module reads the environment as it loads and throws on a
// half-set target, which should read as a message, not as a stack trace.
let target;
let targetVariables: readonly string[] = [];
try {
  ({ target, targetVariables } = await import("@/test-support/target"));
} catch (error) {
  exitWith((error as Error).message);
}
if (!target) {
  exitWith(
    `Set ${targetVariables.join(", ")}: the running app's base URL and a test user of its ` +
      'tenant. See docs/testing.md, "End-to-end tests against your tenant".',
  );
}

console.log(`End-to-end suite against ${target.baseUrl}, signed in as ${target.user.email}.`);
// Written by the JSON reporter of playwright.config.ts; removed first so an old run never shows.
const REPORT = join("test-results", "e2e.json");
rmSync(REPORT, { force: true });
const playwright = join("node_modules", ".bin", "playwright");
const result = spawnSync(playwright, ["test", ...process.argv.slice(2)], { stdio: "inherit" });
printSkipReasons();
process.exit(result.status ?? 1);

type ReportSuite = {
  file: string;
  specs: { tests: { annotations: { type: string; description?: string }[] }[] }[];
  suites?: ReportSuite[];
};

/** Playwright's list shows a skipped test without its reason: this prints each reason once. */
function printSkipReasons(): void {
  let suites: ReportSuite[];
  try {
    suites = (JSON.parse(readFileSync(REPORT, "utf8")) as { suites: ReportSuite[] }).suites;
  } catch {
    return; // another reporter was asked for on the command line
  }
  const skipped = new Map<string, Set<string>>();
  const visit = (suite: ReportSuite) => {
    for (const { annotations } of suite.specs.flatMap((spec) => spec.tests)) {
      for (const { type, description = "" } of annotations) {
        if (type !== "skip") continue;
        skipped.set(description, (skipped.get(description) ?? new Set()).add(suite.file));
      }
    }
    suite.suites?.forEach(visit);
  };
  suites.forEach(visit);
  if (skipped.size === 0) return;
  console.log("\nSkipped against this target:");
  for (const [reason, files] of skipped) console.log(`  ${[...files].join(", ")}: ${reason}`);
}
