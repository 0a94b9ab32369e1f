import type { BrowserContext, Page } from "@playwright/test";
import { OwnServers } from "@/test-support/own-servers";
import { startTestRedis, type TestRedis } from "@/test-support/redis-server";
import { localOnly, onTarget } from "@/test-support/target";
import { expect, signedInContext, test } from "./fixtures";

test.skip(onTarget, localOnly("it starts its own apps, issuer and Redis"));

// A page view rolls the session (a later expiry, the cookie sent again) only when that moves the
// expiry by a minute, or a tenth of the inactivity period when that is shorter
// (lib/proxy/session-rolling.ts). These apps end a session after 10 s without a request, so
// they roll at most once a second: activity must still keep a session alive past 10 s, and 10 s
// of nothing must still end it, in both session modes.
const INACTIVITY_SECONDS = 10;
const COOKIE_APP = "http://localhost:3491";
const REDIS_APP = "http://localhost:3492";
const servers = new OwnServers(4491);
let redis: TestRedis;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  redis = await startTestRedis();
  await servers.startIssuer([COOKIE_APP, REDIS_APP]);
  const env = { SESSION_INACTIVITY_SECONDS: String(INACTIVITY_SECONDS) };
  await Promise.all([
    servers.startApp(3491, env),
    servers.startApp(3492, { ...env, REDIS_URL: redis.url }),
  ]);
});

test.afterAll(async () => {
  await servers.stop();
  await redis?.dispose();
});

const isSessionCookie = (header: string) => /^__session(__\d+)?=[^;]/.test(header);

/**
 * Goes back and forth between the home page and a chapter with the pages' own links, `times`
 * times (an even number ends where it began), then waits `thenMs`.
 */
async function navigateClientSide(page: Page, times: number, thenMs = 0) {
  for (let i = 0; i < times; i += 1) {
    const home = i % 2 === 1;
    await page.getByRole("link", { name: home ? "All chapters" : "Basic usage" }).click();
    await expect(page).toHaveURL(home ? /\/$/ : /\/basic-usage$/);
  }
  if (thenMs > 0) await page.waitForTimeout(thenMs);
}

/** The answers of pages (not the SDK's routes) that sent the session cookie again. */
function countRolls(page: Page): { count: number } {
  const rolls = { count: 0 };
  page.on("response", async (response) => {
    if (new URL(response.url()).pathname.startsWith("/auth/")) return;
    const headers = await response.headersArray().catch(() => []);
    const setCookies = headers.filter(({ name }) => name.toLowerCase() === "set-cookie");
    if (setCookies.some(({ value }) => isSessionCookie(value))) rolls.count += 1;
  });
  return rolls;
}

async function tokenRouteStatus(context: BrowserContext, origin: string): Promise<number> {
  return (await context.request.get(`${origin}/auth/access-token`)).status();
}

for (const [mode, origin] of [
  ["cookie", COOKIE_APP],
  ["Redis", REDIS_APP],
] as const) {
  test(`${mode} sessions: activity keeps a session past its inactivity period, 10 s of none ends it`, async ({
    browser,
  }) => {
    test.setTimeout(90_000);
    const context = await signedInContext(browser, { baseURL: origin });
    const page = await context.newPage();
    await page.goto("/");
    const rolls = countRolls(page);
    const start = Date.now();
    // Bursts of 4 client navigations, 2.5 s apart: longer than the inactivity period in all.
    for (let burst = 0; burst < 5; burst += 1) await navigateClientSide(page, 4, 2_500);
    expect(Date.now() - start).toBeGreaterThan(INACTIVITY_SECONDS * 1000);
    expect(await tokenRouteStatus(context, origin), "still signed in while active").toBe(200);
    expect(rolls.count, "the session was rolled while the user was active").toBeGreaterThan(0);
    expect(rolls.count, "but not on every navigation").toBeLessThan(20);

    await page.waitForTimeout((INACTIVITY_SECONDS + 2) * 1000);
    expect(await tokenRouteStatus(context, origin), "signed out after 10 s of nothing").toBe(401);
    await page.goto("/");
    await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
    await context.close();
  });
}

test("with a day's inactivity period, 20 quick client navigations send the session cookie back at most once", async ({
  browser,
}) => {
  // The shared suite app: the SDK's default durations, so rolls come at most once a minute.
  const context = await signedInContext(browser);
  const page = await context.newPage();
  await page.goto("/");
  const rolls = countRolls(page);
  await navigateClientSide(page, 20);
  expect(rolls.count).toBeLessThanOrEqual(1);
  await expect(page.getByRole("link", { name: "Sign out" })).toBeVisible();
  // Only the proxy decides: a client's own roll header is dropped before the SDK sees it.
  const forced = await context.request.get("/basic-usage", {
    headers: { "X-App-Session-Roll": "1" },
  });
  expect(forced.headersArray().filter(({ name }) => name.toLowerCase() === "set-cookie")).toEqual(
    [],
  );
  await context.close();
});
