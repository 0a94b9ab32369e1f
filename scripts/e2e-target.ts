/**
 * `npm run test:e2e:target`: the end-to-end suite against an app that is already running, on a
 * real tenant. The same as `E2E_BASE_URL=... npx playwright test`, except that it refuses to
 * start without the target: unset, Playwright would quietly run the local suite instead.
 * Arguments go to Playwright (`npm run test:e2e:target -- e2e/basic-usage.spec.ts`).
 */
import { spawnSync } from "node:child_process";
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
  ({ target, targetVariables } = await import("@/e2e/support/target"));
} catch (error) {
  exitWith((error as Error).message);
}
if (!target) {
  exitWith(
    `Set ${targetVariables.join(", ")}: the running app's base URL and a test user of its ` +
      'tenant. See the README, "End-to-end tests against your tenant".',
  );
}

console.log(`End-to-end suite against ${target.baseUrl}, signed in as ${target.user.email}.`);
const playwright = join("node_modules", ".bin", "playwright");
const result = spawnSync(playwright, ["test", ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(result.status ?? 1);
