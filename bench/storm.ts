import type { Browser } from "@playwright/test";
import { inSignedInContext } from "@/e2e/fixtures";
import { runStorm } from "@/test-support/storm";
import { appUrl, issuerUrl, stormPollMs, stormSeconds, stormTabs } from "./config";
import type { StormSample } from "./report-types";

/**
 * The refresh storm of the end-to-end suite (`runStorm`) with the benchmark's settings:
 * `/token-races?poll=1000` for `stormSeconds`, in a session of its own. The issuer must already
 * run with `ttlSeconds`.
 *
 * @example
 * const withManager = await measureStorm(browser, true, 5);
 */
export async function measureStorm(
  browser: Browser,
  manager: boolean,
  ttlSeconds: number,
): Promise<StormSample> {
  return inSignedInContext(browser, appUrl, async (context) => {
    const storm = await runStorm(context, {
      issuerUrl,
      manager,
      pollMs: stormPollMs,
      durationMs: stormSeconds * 1000,
      tabs: stormTabs,
    });
    return {
      manager,
      windowSeconds: storm.windowSeconds,
      ttlSeconds,
      refreshGrants: storm.refreshGrants,
      refreshErrors: storm.refreshErrors,
      invalidGrant: storm.invalidGrant,
      revokedGrants: storm.revokedGrants,
      widgetsError: storm.widgets.error,
      stillSignedIn: storm.stillSignedIn,
    };
  });
}
