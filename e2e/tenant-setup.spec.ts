import type { BrowserContext } from "@playwright/test";
import { apis } from "@/config/apis";
import { demoUser, expect, signedInContext, test, watchCspViolations } from "./fixtures";
import { DemoPage } from "./pages/demo-page";
import { parseEnvLines } from "@/test-support/env-lines";
import { OwnServers } from "@/test-support/own-servers";
import { bin, runToEnd } from "@/test-support/processes";
import { localOnly, onTarget } from "@/test-support/target";

test.skip(onTarget, localOnly("it starts an issuer with an empty tenant and an app of its own"));

// The issue's "done when": from a tenant nothing was set up in, `auth0:setup` run as a user runs
// it, `auth0:check`, then the app on the lines setup printed, every chapter working.
const APP_PORT = 3461;
const app = `http://localhost:${APP_PORT}`;
const servers = new OwnServers(4461);
/** What a user has before setup: the tenant and the app's URL (the local server needs no more). */
const before = { AUTH0_DOMAIN: servers.issuerUrl, APP_BASE_URL: app };
let printed: Record<string, string> = {};
let context: BrowserContext;

/** `npm run auth0:<command>` with `env` only: the way a user runs it from a terminal. */
const run = (command: "setup" | "check", env: Record<string, string>, args: string[] = []) =>
  runToEnd(bin("tsx"), [`scripts/auth0-${command}.ts`, ...args], env);

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  await servers.startIssuer([app], { LOCAL_ISSUER_TENANT: "empty" });
});

test.afterAll(async () => {
  await context?.close();
  await servers.stop();
});

test("auth0:check fails on the empty tenant", async () => {
  await expect(run("check", before)).rejects.toThrow(/exited with 1[\s\S]*✖ callback URL/);
});

test("auth0:setup creates the application and prints .env.local; check passes; again changes nothing", async () => {
  test.setTimeout(90_000);
  const output = await run("setup", before, ["--create-app"]);
  expect(output).toContain('+ application "Next.js access tokens demo"');
  printed = parseEnvLines(output);
  expect(Object.keys(printed).sort()).toEqual([
    "APP_BASE_URL",
    "AUTH0_CLIENT_ID",
    "AUTH0_CLIENT_SECRET",
    "AUTH0_DOMAIN",
    "AUTH0_SECRET",
  ]);
  expect(await run("check", printed)).toContain("All checks passed.");
  expect(await run("setup", printed)).toContain("nothing to change");
});

test("the app on the printed configuration: every chapter works", async ({ browser }) => {
  test.setTimeout(120_000);
  expect(printed.AUTH0_CLIENT_ID, "setup ran").toBeTruthy();
  await servers.startApp(APP_PORT, printed);
  context = await signedInContext(browser, { baseURL: app, user: demoUser });
  const page = await context.newPage();
  const demo = new DemoPage(page);

  await demo.goto("basic-usage");
  const profile = await demo.clickAndCapture(demo.button(/load my profile/), "/api/profile/me");
  expect(profile.status).toBe(200);
  expect(profile.body.token).toMatchObject({ azp: printed.AUTH0_CLIENT_ID });

  const both = Promise.all(
    ["/api/profile/me", "/api/orders"].map((path) =>
      page.waitForResponse((response) => response.url().endsWith(path)),
    ),
  );
  await demo.goto("multi-api");
  expect((await both).map((response) => response.status())).toEqual([200, 200]);
  await expect(page.getByTestId("orders")).toBeVisible();
  await expect(page.getByTestId("profile")).toBeVisible();
  const crossAudience = await demo.clickAndCapture(
    demo.button("Call the Orders API with the profile token"),
    "/api/orders",
  );
  expect(crossAudience.status).toBe(401);

  await demo.goto("additional-scopes");
  await page.getByLabel("New bio").fill("Set up by auth0:setup");
  const saved = await demo.clickAndCapture(
    demo.button("Save with write:profile"),
    "/api/profile/me",
  );
  expect(saved.status).toBe(200);
  expect(saved.body.token).toMatchObject({ scope: expect.stringContaining("write:profile") });

  await demo.goto("full-response");
  const full = await demo.clickAndCapture(
    demo.button("Get the full token response"),
    "/auth/access-token",
  );
  expect(full.status).toBe(200);
  expect(full.body).toMatchObject({ token: expect.any(String), expires_at: expect.any(Number) });

  await demo.goto("mrrt");
  for (const name of ["profile", "orders"] as const) {
    const card = page.getByTestId(`mrrt-${name}`);
    await card.getByRole("button").click();
    await expect(demo.inspector(card).aud).toContainText(apis[name].audience);
    await expect(demo.inspector(card).warning).toHaveCount(0);
  }
  await expect(page.getByTestId("refresh-token-state")).toHaveText("one, shared by every API");
  expect(watchCspViolations(context), "Content-Security-Policy violations").toEqual([]);
});

test("a sign-in that fails on configuration names npm run auth0:check and what it checks", async () => {
  const page = await context.newPage();
  await page.goto("/sign-in-error?reason=authorization_error&code=unauthorized_client");
  await expect(page.getByTestId("sign-in-error-check")).toContainText(
    "run npm run auth0:check. It checks discovery and its issuer, the client id and secret",
  );
  await page.goto("/sign-in-error?reason=invalid_state");
  await expect(page.getByTestId("sign-in-error")).toBeVisible();
  await expect(page.getByTestId("sign-in-error-check")).toHaveCount(0);
});
