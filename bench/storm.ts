import type { Browser, BrowserContext } from "@playwright/test";
import { dashboardApis, stormPollMs, stormSeconds } from "./config";
import { signedInContext } from "./browser";
import { issuerStats, statsDelta } from "./issuer-stats";
import type { StormSample } from "./report-types";
import { widgetStates } from "./widgets";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The refresh storm: `/token-races?poll=1000` (every widget asks for its token and calls its
 * API every second) for `stormSeconds`, with short-lived tokens, in a session of its own, and
 * what the issuer saw meanwhile. The issuer must already run with `ttlSeconds`.
 *
 * @example
 * const withManager = await measureStorm(browser, true, 5);
 */
export async function measureStorm(
  browser: Browser,
  manager: boolean,
  ttlSeconds: number,
): Promise<StormSample> {
  const context = await signedInContext(browser);
  try {
    const before = await issuerStats();
    const started = Date.now();
    const page = await context.newPage();
    const query = manager ? `poll=${stormPollMs}` : `manager=off&poll=${stormPollMs}`;
    await page.goto(`/token-races?${query}`);
    await sleep(stormSeconds * 1000);
    const widgets = await widgetStates(page);
    const after = await issuerStats();
    const windowSeconds = (Date.now() - started) / 1000;
    await page.close();
    const stillSignedIn = await canStillGetTokens(context, ttlSeconds);
    return {
      manager,
      windowSeconds,
      ttlSeconds,
      ...statsDelta(before, after),
      widgetsError: widgets.error,
      stillSignedIn,
    };
  } finally {
    await context.close();
  }
}

/**
 * Waits until the storm's last tokens have expired, then asks for each audience in turn (one
 * after the other: two refreshes at once would race, the very thing measured). A revoked grant
 * shows here, when the next refresh fails.
 */
async function canStillGetTokens(context: BrowserContext, ttlSeconds: number) {
  await sleep((ttlSeconds + 1) * 1000);
  for (const api of dashboardApis) {
    const query = `?audience=${encodeURIComponent(api.audience)}`;
    const response = await context.request.get(`/auth/access-token${query}`);
    if (!response.ok()) return false;
  }
  return true;
}
