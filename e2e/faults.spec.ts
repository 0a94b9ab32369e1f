import { rmSync } from "node:fs";
import type { BrowserContext, Page } from "@playwright/test";
import { bin, startChild, stopChild, waitForUrl, type ChildServer } from "@/test-support/processes";
import { demoUser, expect, signIn, test, watchCspViolations } from "./fixtures";
import { DemoPage } from "./pages/demo-page";
import { SignInPage } from "./pages/sign-in-page";
import { appEnv, issuerEnv } from "@/test-support/servers";
import { localOnly, onTarget } from "@/test-support/target";

test.skip(onTarget, localOnly("it stops, restarts and revokes at the local issuer"));

// The faults need an authorization server the test may stop and restart, so this file starts
// its own pair on ports of its own, beside the suite's servers.
const ISSUER_PORT = 4411;
const APP_PORT = 3411;
const TOKEN_TTL_SECONDS = 4;
const issuerUrl = `http://localhost:${ISSUER_PORT}`;
const appUrl = `http://localhost:${APP_PORT}`;
const stateDir = ".local-issuer-faults";

let issuer: ChildServer | undefined;
let app: ChildServer | undefined;
let context: BrowserContext;
let page: Page;

async function startIssuer() {
  issuer = startChild("local issuer", bin("tsx"), ["local-issuer/main.ts"], {
    ...issuerEnv,
    LOCAL_ISSUER_PORT: String(ISSUER_PORT),
    LOCAL_ISSUER_STATE_DIR: stateDir,
    LOCAL_ISSUER_ACCESS_TOKEN_TTL: String(TOKEN_TTL_SECONDS),
    APP_BASE_URL: appUrl,
    LOCAL_ISSUER_APP_URLS: "",
  });
  await waitForUrl(`${issuerUrl}/.well-known/openid-configuration`, issuer);
}

async function stopIssuer() {
  if (issuer) await stopChild(issuer);
  issuer = undefined;
}

/** Long enough for the token in the session to expire, so the next one needs the issuer. */
const waitForExpiry = () => page.waitForTimeout((TOKEN_TTL_SECONDS + 1) * 1000);

async function loadProfile() {
  const demo = new DemoPage(page);
  await demo.goto("basic-usage");
  const [answer] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === "/auth/access-token"),
    demo.button(/load my profile/).click(),
  ]);
  return { demo, answer };
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  rmSync(stateDir, { recursive: true, force: true });
  await startIssuer();
  app = startChild("next start", bin("next"), ["start", "--port", String(APP_PORT)], {
    ...appEnv,
    AUTH0_DOMAIN: issuerUrl,
    APP_BASE_URL: appUrl,
  });
  await waitForUrl(`${appUrl}/api/health`, app);
  context = await browser.newContext({ baseURL: appUrl });
  watchCspViolations(context);
  page = await context.newPage();
  await signIn(page, demoUser);
});

test.afterAll(async () => {
  await context?.close();
  await Promise.all([app && stopChild(app), stopIssuer()]);
  rmSync(stateDir, { recursive: true, force: true });
});

test("the authorization server stops: the page says it is unreachable and offers a retry, not a sign-in", async () => {
  await stopIssuer();
  await waitForExpiry();
  const started = Date.now();
  const { demo, answer } = await loadProfile();
  expect(Date.now() - started).toBeLessThan(10_000);
  expect(answer.status()).toBe(503);
  expect(answer.headers()["retry-after"]).toBe("5");
  const problem = demo.problem();
  await expect(problem.code).toHaveText("authorization_server_unreachable");
  await expect(problem.root.getByRole("button", { name: "Try again" })).toBeVisible();
  await expect(problem.root.getByRole("link", { name: "Sign in again" })).toHaveCount(0);
});

test("it comes back: the retry works without signing in again", async () => {
  await startIssuer();
  const demo = new DemoPage(page);
  await demo.goto("basic-usage");
  await demo.button(/load my profile/).click();
  await expect(page.getByTestId("profile-name")).toHaveText(demoUser.name);
});

test("it restarts: the session survives, and the next refresh works", async () => {
  await stopIssuer();
  await startIssuer();
  await waitForExpiry();
  const { answer } = await loadProfile();
  expect(answer.status()).toBe(200);
  await expect(page.getByTestId("profile-name")).toHaveText(demoUser.name);
});

test("signing in while it is down lands on the app's error page, which names the fix", async ({
  browser,
}) => {
  await stopIssuer();
  try {
    const visitor = await browser.newContext({ baseURL: appUrl });
    const violations = watchCspViolations(visitor);
    const tab = await visitor.newPage();
    await tab.goto("/auth/login");
    await expect(tab).toHaveURL(/\/sign-in-error\?reason=authorization_server_unreachable$/);
    await expect(tab.getByTestId("sign-in-error")).toContainText("AUTH0_DOMAIN");
    await expect(tab.getByTestId("sign-in-error-check")).toContainText("npm run auth0:check");
    await visitor.close();
    expect(violations).toEqual([]);
  } finally {
    await startIssuer();
  }
});

test("the grant is revoked at the server: the app says the session ended, and signing in again works", async () => {
  const demo = new DemoPage(page);
  await demo.goto("error-handling");
  const card = page.getByTestId("scenario-failed_to_refresh_token");
  await card.getByRole("button", { name: /Revoke my refresh token/ }).click();
  const problem = demo.problem(card);
  await expect(problem.code).toHaveText("failed_to_refresh_token");
  await problem.root.getByRole("link", { name: "Sign in again" }).click();
  // The authorization server may still have a session of its own and skip its form.
  const form = page.getByLabel("Email");
  if (await form.isVisible({ timeout: 2_000 }).catch(() => false)) {
    await new SignInPage(page).signIn(demoUser.email, demoUser.password);
  }
  await expect(page.getByTestId("user-name")).toHaveText(demoUser.name);
  const { answer } = await loadProfile();
  expect(answer.status()).toBe(200);
});

test("no Content-Security-Policy violation on any page of the run", () => {
  expect(watchCspViolations(context)).toEqual([]);
});
