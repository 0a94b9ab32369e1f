import type { Browser } from "@playwright/test";
import { apis } from "@/config/apis";
import { expect, signedInContext, test, watchCspViolations } from "./fixtures";
import {
  accessTokenTtlSeconds,
  appUrl,
  devAppUrl,
  guardOffAppUrl,
  issuerUrl,
} from "@/test-support/servers";
import { runStorm } from "@/test-support/storm";
import { localOnly, onTarget } from "@/test-support/target";

test.skip(
  onTarget,
  localOnly("it needs the guard-off server, 10-second tokens and the issuer's grant counters"),
);

const STORM_MS = 30_000;

/**
 * Signs the demo user in on `baseURL`, then runs ten widgets over both APIs in two tabs, each
 * widget calling its API every second, for `STORM_MS`.
 */
async function storm(browser: Browser, baseURL: string, manager: boolean) {
  const context = await signedInContext(browser, { baseURL });
  try {
    const result = await runStorm(context, {
      issuerUrl,
      manager,
      pollMs: 1000,
      durationMs: STORM_MS,
      tabs: 2,
    });
    // In `next dev` too: the policy allows what Fast Refresh needs, and nothing else.
    expect(watchCspViolations(context), "Content-Security-Policy violations").toEqual([]);
    return result;
  } finally {
    await context.close();
  }
}

for (const { server, baseURL } of [
  { server: "next start", baseURL: appUrl },
  { server: "next dev, with StrictMode", baseURL: devAppUrl },
]) {
  test(`with the token manager, a 30 s storm never races (${server})`, async ({ browser }) => {
    test.setTimeout(STORM_MS + 120_000);
    const result = await storm(browser, baseURL, true);

    expect(result.invalidGrant).toBe(0);
    expect(result.revokedGrants).toBe(0);
    expect(result.stillSignedIn).toBe(true);
    // Tokens expire over the whole window, tab set-up included (in `next dev` the first page
    // compiles first, which a busy machine can stretch by several seconds).
    const expiries = result.windowSeconds / accessTokenTtlSeconds;
    for (const { audience } of [apis.profile, apis.orders]) {
      const refreshes = result.refreshGrants[audience] ?? 0;
      const tokensUsed = result.tokensUsed[audience] ?? 0;
      // One refresh per expiry: every refresh grant gave a token that the APIs then received
      // (the first profile token may be the sign-in's, which is no refresh).
      expect(refreshes).toBeGreaterThanOrEqual(tokensUsed - 1);
      expect(refreshes).toBeLessThanOrEqual(tokensUsed);
      expect(refreshes).toBeGreaterThanOrEqual(Math.floor(expiries) - 1);
      expect(refreshes).toBeLessThanOrEqual(Math.ceil(expiries) + 1);
    }
  });
}

test("without the token manager (and the server's refresh guard), the same storm races and the grant is revoked", async ({
  browser,
}) => {
  test.setTimeout(STORM_MS + 60_000);
  // The server-side guard (lib/refresh-guard/) absorbs these races too: this storm shows what
  // the browser alone would face, so it runs where the guard is off.
  const result = await storm(browser, guardOffAppUrl, false);

  // Parallel refreshes spent one refresh token twice: the server saw reuse and revoked.
  expect(result.invalidGrant).toBeGreaterThan(0);
  expect(result.revokedGrants).toBeGreaterThan(0);
  expect(result.stillSignedIn).toBe(false);
});

test("the chapter shows the server's refresh guard from its source, in both session modes", async ({
  page,
}) => {
  await page.goto("/token-races");
  const samples = page.locator("figure.code-sample");
  const cookieMode = samples.filter({ hasText: "lib/refresh-guard/cookie-mode.ts" });
  const redisMode = samples.filter({ hasText: "lib/refresh-guard/redis-mode.ts" });
  await expect(cookieMode).toContainText("locks.run(key");
  await expect(cookieMode).toContainText(/withSessionOf\(\s*request,\s*newest/);
  await expect(redisMode).toContainText("sharedLocks.run(id, handle, {");
});
