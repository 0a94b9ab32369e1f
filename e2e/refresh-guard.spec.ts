import type { Browser } from "@playwright/test";
import { startTestRedis, type TestRedis } from "@/test-support/redis-server";
import { expect, signedInContext, test, watchCspViolations } from "./fixtures";
import { runNavigationStorm } from "@/test-support/navigation-storm";
import { OwnServers } from "@/test-support/own-servers";
import { localOnly, onTarget } from "@/test-support/target";

test.skip(
  onTarget,
  localOnly("it starts its own apps, issuer and Redis to compare the refresh guard on and off"),
);

// The storm needs tokens that expire every 2 seconds and apps with the guard on and off, in both
// session modes, so this file starts its own authorization server, Redis and `next start`s.
const TOKEN_TTL_SECONDS = 2;
const STORM_MS = 45_000;
const COOKIE_GUARD_ON = 3421;
const COOKIE_GUARD_OFF = 3422;
const REDIS_APPS = [3423, 3424] as const;
const url = (port: number) => `http://localhost:${port}`;

const servers = new OwnServers(4421);
let redis: TestRedis | undefined;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  await servers.startIssuer([COOKIE_GUARD_ON, COOKIE_GUARD_OFF, ...REDIS_APPS].map(url), {
    LOCAL_ISSUER_ACCESS_TOKEN_TTL: String(TOKEN_TTL_SECONDS),
    // No leeway at all: the second use of a refresh token revokes the grant, as Auth0 does.
    LOCAL_ISSUER_REFRESH_REUSE_INTERVAL: "0",
  });
});

test.afterAll(async () => {
  await servers.stop();
  await redis?.dispose();
});

type StormOptions = { baseURL: string; origins?: [string, ...string[]]; stopOnRevocation: boolean };

/** Three tabs of one fresh session, navigating at random for up to `STORM_MS`. */
async function storm(browser: Browser, { baseURL, origins, stopOnRevocation }: StormOptions) {
  const context = await signedInContext(browser, { baseURL });
  try {
    const result = await runNavigationStorm(context, {
      issuerUrl: servers.issuerUrl,
      tabs: 3,
      durationMs: STORM_MS,
      origins,
      stopWhen: stopOnRevocation ? (delta) => delta.revokedGrants > 0 : undefined,
    });
    expect(watchCspViolations(context), "Content-Security-Policy violations").toEqual([]);
    return result;
  } finally {
    await context.close();
  }
}

type StormResult = Awaited<ReturnType<typeof storm>>;

function expectNothingSpentTwice(result: StormResult) {
  expect(result.invalidGrant).toBe(0);
  expect(result.revokedGrants).toBe(0);
  expect(result.stillSignedIn).toBe(true);
  // The storm did refresh, many times, for several audiences: there was something to guard.
  const refreshes = Object.values(result.refreshGrants).reduce((sum, n) => sum + n, 0);
  expect(refreshes).toBeGreaterThan(STORM_MS / 1000 / TOKEN_TTL_SECONDS);
}

function expectRevocation(result: StormResult) {
  expect(result.revokedGrants).toBeGreaterThan(0);
  expect(result.invalidGrant).toBeGreaterThan(0);
  expect(result.stillSignedIn).toBe(false);
}

test.describe("sessions in the cookie, one instance", () => {
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    await Promise.all([
      servers.startApp(COOKIE_GUARD_ON, { REFRESH_GUARD: "on" }),
      servers.startApp(COOKIE_GUARD_OFF, { REFRESH_GUARD: "off" }),
    ]);
  });
  test.afterAll(async () => {
    await Promise.all([servers.stopApp(COOKIE_GUARD_ON), servers.stopApp(COOKIE_GUARD_OFF)]);
  });

  test("with the refresh guard, three tabs navigating at random never spend a refresh token twice", async ({
    browser,
  }) => {
    test.setTimeout(STORM_MS + 60_000);
    const result = await storm(browser, { baseURL: url(COOKIE_GUARD_ON), stopOnRevocation: false });
    console.log("cookie, guard on:", JSON.stringify(result));
    expectNothingSpentTwice(result);
  });

  test("without it, the same storm makes the authorization server revoke the grant", async ({
    browser,
  }) => {
    test.setTimeout(STORM_MS + 60_000);
    // Stopped at the first revocation: what follows would only be refused refreshes.
    const result = await storm(browser, { baseURL: url(COOKIE_GUARD_OFF), stopOnRevocation: true });
    console.log("cookie, guard off:", JSON.stringify(result));
    expectRevocation(result);
  });
});

test.describe("sessions in Redis, spread over two instances", () => {
  const origins: [string, string] = [url(REDIS_APPS[0]), url(REDIS_APPS[1])];

  async function startRedisApps(refreshGuard: "on" | "off") {
    await Promise.all(REDIS_APPS.map((port) => servers.stopApp(port)));
    redis ??= await startTestRedis();
    const env = { REDIS_URL: redis.url, REFRESH_GUARD: refreshGuard };
    await Promise.all(REDIS_APPS.map((port) => servers.startApp(port, env)));
  }

  test("with the refresh guard, the storm over both instances never spends a refresh token twice", async ({
    browser,
  }) => {
    test.setTimeout(STORM_MS + 120_000);
    await startRedisApps("on");
    const result = await storm(browser, { baseURL: origins[0], origins, stopOnRevocation: false });
    console.log("redis, guard on:", JSON.stringify(result));
    expectNothingSpentTwice(result);
  });

  test("without it, the same storm over both instances makes the server revoke the grant", async ({
    browser,
  }) => {
    test.setTimeout(STORM_MS + 120_000);
    await startRedisApps("off");
    const result = await storm(browser, { baseURL: origins[0], origins, stopOnRevocation: true });
    console.log("redis, guard off:", JSON.stringify(result));
    expectRevocation(result);
  });
});
