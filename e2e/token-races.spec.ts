import type { Browser, Page } from "@playwright/test";
import { demoUser, expect, signIn, test } from "./fixtures";
import { accessTokenTtlSeconds, appUrl, devAppUrl, issuerUrl } from "./support/servers";

type IssuerStats = {
  grants: Record<string, Record<string, number>>;
  invalidGrant: number;
  revokedGrants: number;
};

const audiences = {
  profile: "https://profile-api.example.com",
  orders: "https://orders-api.example.com",
} as const;
const STORM_MS = 30_000;

async function issuerStats(page: Page): Promise<IssuerStats> {
  return (await (await page.request.get(`${issuerUrl}/__test/stats`)).json()) as IssuerStats;
}

const refreshes = (stats: IssuerStats, audience: string) =>
  stats.grants.refresh_token?.[audience] ?? 0;

/**
 * Signs the demo user in on `baseURL`, then runs ten widgets over both APIs in two tabs, each
 * widget calling its API every second, for `STORM_MS`; returns what the authorization server
 * counted and which tokens the APIs received.
 */
async function storm(browser: Browser, baseURL: string, query: string) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, demoUser);
  const tokens = { profile: new Set<number>(), orders: new Set<number>() };
  const record = (tab: Page) =>
    tab.on("response", async (response) => {
      const path = new URL(response.url()).pathname;
      const api = path === "/api/profile/me" ? "profile" : path === "/api/orders" ? "orders" : null;
      if (!api || response.status() !== 200) return;
      const body = (await response.json().catch(() => null)) as { token?: { exp: number } } | null;
      if (body?.token) tokens[api].add(body.token.exp);
    });
  const before = await issuerStats(page);
  const second = await page.context().newPage();
  record(page);
  record(second);
  await page.goto(`/token-races?${query}`);
  await second.goto(`/token-races?${query}`);
  await page.waitForTimeout(STORM_MS);
  // Stop polling in place and let the last requests finish. Navigating away instead would
  // cancel a refresh in flight and lose the rotated refresh token with its Set-Cookie.
  for (const tab of [page, second]) {
    await tab.getByRole("button", { name: "Stop the storm" }).click();
  }
  await page.waitForTimeout(2_000);
  await second.close();
  const after = await issuerStats(page);
  // Still signed in = the refresh token still works. A token the storm never asked for needs a
  // refresh grant; a cached token would answer 200 even after the grant was revoked.
  const fresh = new URLSearchParams({ audience: audiences.orders, scope: "write:orders" });
  const signedIn = (await page.request.get(`/auth/access-token?${fresh}`)).status() === 200;
  await context.close();
  return {
    signedIn,
    invalidGrant: after.invalidGrant - before.invalidGrant,
    revokedGrants: after.revokedGrants - before.revokedGrants,
    refreshes: {
      profile: refreshes(after, audiences.profile) - refreshes(before, audiences.profile),
      orders: refreshes(after, audiences.orders) - refreshes(before, audiences.orders),
    },
    tokensUsed: { profile: tokens.profile.size, orders: tokens.orders.size },
  };
}

for (const { server, baseURL } of [
  { server: "next start", baseURL: appUrl },
  { server: "next dev, with StrictMode", baseURL: devAppUrl },
]) {
  test(`with the token manager, a 30 s storm never races (${server})`, async ({ browser }) => {
    test.setTimeout(STORM_MS + 120_000);
    const result = await storm(browser, baseURL, "poll=1000");

    expect(result.invalidGrant).toBe(0);
    expect(result.revokedGrants).toBe(0);
    expect(result.signedIn).toBe(true);
    const expiries = STORM_MS / 1000 / accessTokenTtlSeconds;
    for (const api of ["profile", "orders"] as const) {
      // One refresh per expiry: every refresh grant gave a token that the APIs then received
      // (the first profile token may be the sign-in's, which is no refresh).
      expect(result.refreshes[api]).toBeGreaterThanOrEqual(result.tokensUsed[api] - 1);
      expect(result.refreshes[api]).toBeLessThanOrEqual(result.tokensUsed[api]);
      expect(result.refreshes[api]).toBeGreaterThanOrEqual(Math.floor(expiries) - 1);
      expect(result.refreshes[api]).toBeLessThanOrEqual(Math.ceil(expiries) + 1);
    }
  });
}

test("without the token manager, the same storm races and the grant is revoked", async ({
  browser,
}) => {
  test.setTimeout(STORM_MS + 60_000);
  const result = await storm(browser, appUrl, "manager=off&poll=1000");

  // Parallel refreshes spent one refresh token twice: the server saw reuse and revoked.
  expect(result.invalidGrant).toBeGreaterThan(0);
  expect(result.revokedGrants).toBeGreaterThan(0);
  expect(result.signedIn).toBe(false);
});
