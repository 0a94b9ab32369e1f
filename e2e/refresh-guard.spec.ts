import { rmSync } from "node:fs";
import type { Browser } from "@playwright/test";
import { bin, startChild, stopChild, waitForUrl, type ChildServer } from "@/e2e/support/processes";
import { expect, signedInContext, test, watchCspViolations } from "./fixtures";
import { runNavigationStorm } from "./support/navigation-storm";
import { appEnv, issuerEnv } from "./support/servers";
import { localOnly, onTarget } from "@/e2e/support/target";

test.skip(
  onTarget,
  localOnly("it starts its own app and issuer to compare the refresh guard on and off"),
);

// The storm needs tokens that expire every 2 seconds and the app with the guard on and off, so
// this file starts its own authorization server and two `next start` on ports of their own.
const ISSUER_PORT = 4421;
const GUARD_ON_PORT = 3421;
const GUARD_OFF_PORT = 3422;
const TOKEN_TTL_SECONDS = 2;
const STORM_MS = 45_000;
const issuerUrl = `http://localhost:${ISSUER_PORT}`;
const guardOnUrl = `http://localhost:${GUARD_ON_PORT}`;
const guardOffUrl = `http://localhost:${GUARD_OFF_PORT}`;
const stateDir = ".local-issuer-refresh-guard";

const servers: ChildServer[] = [];

function startApp(port: number, url: string, refreshGuard: "on" | "off") {
  const app = startChild(
    `next start (guard ${refreshGuard})`,
    bin("next"),
    ["start", "--port", String(port)],
    {
      ...appEnv,
      AUTH0_DOMAIN: issuerUrl,
      APP_BASE_URL: url,
      REFRESH_GUARD: refreshGuard,
    },
  );
  servers.push(app);
  return waitForUrl(`${url}/api/health`, app);
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  rmSync(stateDir, { recursive: true, force: true });
  const issuer = startChild("local issuer", bin("tsx"), ["local-issuer/main.ts"], {
    ...issuerEnv,
    LOCAL_ISSUER_PORT: String(ISSUER_PORT),
    LOCAL_ISSUER_STATE_DIR: stateDir,
    LOCAL_ISSUER_ACCESS_TOKEN_TTL: String(TOKEN_TTL_SECONDS),
    // No leeway at all: the second use of a refresh token revokes the grant, as Auth0 does.
    LOCAL_ISSUER_REFRESH_REUSE_INTERVAL: "0",
    APP_BASE_URL: guardOnUrl,
    LOCAL_ISSUER_APP_URLS: guardOffUrl,
  });
  servers.push(issuer);
  await waitForUrl(`${issuerUrl}/.well-known/openid-configuration`, issuer);
  await Promise.all([
    startApp(GUARD_ON_PORT, guardOnUrl, "on"),
    startApp(GUARD_OFF_PORT, guardOffUrl, "off"),
  ]);
});

test.afterAll(async () => {
  await Promise.all(servers.map((server) => stopChild(server)));
  rmSync(stateDir, { recursive: true, force: true });
});

/** Three tabs of one fresh session on `baseURL`, navigating at random for up to `STORM_MS`. */
async function storm(browser: Browser, baseURL: string, stopOnRevocation: boolean) {
  const context = await signedInContext(browser, { baseURL });
  try {
    const result = await runNavigationStorm(context, {
      issuerUrl,
      tabs: 3,
      durationMs: STORM_MS,
      stopWhen: stopOnRevocation ? (delta) => delta.revokedGrants > 0 : undefined,
    });
    expect(watchCspViolations(context), "Content-Security-Policy violations").toEqual([]);
    return result;
  } finally {
    await context.close();
  }
}

test("with the refresh guard, three tabs navigating at random never spend a refresh token twice", async ({
  browser,
}) => {
  test.setTimeout(STORM_MS + 60_000);
  const result = await storm(browser, guardOnUrl, false);
  console.log("guard on:", JSON.stringify(result));

  expect(result.invalidGrant).toBe(0);
  expect(result.revokedGrants).toBe(0);
  expect(result.stillSignedIn).toBe(true);
  // The storm did refresh, many times, for several audiences: there was something to guard.
  const refreshes = Object.values(result.refreshGrants).reduce((sum, n) => sum + n, 0);
  expect(refreshes).toBeGreaterThan(STORM_MS / 1000 / TOKEN_TTL_SECONDS);
});

test("without it, the same storm makes the authorization server revoke the grant", async ({
  browser,
}) => {
  test.setTimeout(STORM_MS + 60_000);
  // Stopped at the first revocation: what follows would only be refused refreshes.
  const result = await storm(browser, guardOffUrl, true);
  console.log("guard off:", JSON.stringify(result));

  expect(result.revokedGrants).toBeGreaterThan(0);
  expect(result.invalidGrant).toBeGreaterThan(0);
  expect(result.stillSignedIn).toBe(false);
});
