import { connectToTenant, MANAGEMENT_FIX } from "./connect";
import { checkClientCredentials, checkDiscovery, checkTenant, type CheckResult } from "./checks";
import { describeFailure, readTenant } from "./read-tenant";
import { checkStepUp } from "./check-step-up";

/**
 * `npm run auth0:check`: checks the tenant the app is configured for and prints one ✔ or ✖ line
 * per check, each failure with its fix. `ok` is false when anything is wrong.
 *
 * @example
 * const { ok } = await runCheck({ source: process.env, print: console.log });
 * process.exitCode = ok ? 0 : 1;
 */
export async function runCheck(options: {
  source: Record<string, string | undefined>;
  print: (line: string) => void;
}): Promise<{ ok: boolean; results: CheckResult[] }> {
  const { env, management, credentials } = connectToTenant(options.source);
  options.print(`Checking ${env.issuerUrl} (${env.mode} mode) for ${env.appBaseUrl}`);
  const results = [await checkDiscovery(env)];
  if (results[0]?.ok) {
    results.push(await checkClientCredentials(env));
    try {
      if (credentials === "missing") throw new Error("AUTH0_MGMT_CLIENT_ID is not set");
      const snapshot = await readTenant(management, env.clientId);
      results.push(...checkTenant(env, snapshot), ...checkStepUp(snapshot.stepUp));
    } catch (error) {
      results.push({
        ok: false,
        label: `cannot read the tenant's settings (${describeFailure(error)}); the rest is unchecked`,
        fix: MANAGEMENT_FIX,
      });
    }
  }
  for (const result of results) {
    options.print(`${result.ok ? "✔" : "✖"} ${result.label}`);
    if (result.fix) options.print(`    fix: ${result.fix}`);
  }
  const failed = results.filter((result) => !result.ok).length;
  options.print(failed === 0 ? "All checks passed." : `${failed} check(s) failed.`);
  return { ok: failed === 0, results };
}
