import { expect, suiteUser, test } from "./fixtures";
import { DemoPage } from "./pages/demo-page";
import { SignInPage } from "./pages/sign-in-page";
import { localOnly, onTarget } from "@/test-support/target";
import { tokenErrorCatalogue } from "@/lib/tokens/token-error-catalogue";

async function runScenario(demo: DemoPage, id: string, button: string | RegExp) {
  const card = demo.page.getByTestId(`scenario-${id}`);
  await card.getByRole("button", { name: button }).click();
  return demo.problem(card);
}

test("missing_session: the session is gone", async ({ signedInPage }) => {
  const page = await signedInPage(suiteUser);
  const demo = new DemoPage(page);
  await demo.goto("error-handling");
  const problem = await runScenario(
    demo,
    "missing_session",
    "Sign out quietly and ask for a token",
  );
  await expect(problem.code).toHaveText("missing_session");
  await expect(problem.root).toContainText("Sign in.");
});

test("missing_refresh_token: signed in without offline_access", async ({ freshContext }) => {
  const page = await freshContext.newPage();
  const demo = new DemoPage(page);
  await demo.goto("error-handling");
  await page.getByRole("link", { name: "sign in without offline_access" }).click();
  await new SignInPage(page).signIn(suiteUser.email, suiteUser.password);
  await expect(page).toHaveURL(/\/error-handling$/);
  const problem = await runScenario(demo, "missing_refresh_token", "Ask for an Orders API token");
  await expect(problem.code).toHaveText("missing_refresh_token");
  await expect(problem.root).toContainText("offline_access");
});

test("failed_to_refresh_token: the refresh token was revoked", async ({ signedInPage }) => {
  const page = await signedInPage(suiteUser);
  const demo = new DemoPage(page);
  await demo.goto("error-handling");
  const problem = await runScenario(demo, "failed_to_refresh_token", /Revoke my refresh token/);
  await expect(problem.code).toHaveText("failed_to_refresh_token");
  await expect(problem.root.getByRole("link", { name: "Sign in again" })).toBeVisible();
});

test("a session past its ceiling (session_expiry) answers missing_session in SDK 4.30", async ({
  freshContext,
}) => {
  test.skip(onTarget, localOnly("it signs in the demo user whose session ends after 45 s"));
  test.slow(); // waits for the session's ceiling
  const page = await freshContext.newPage();
  await page.goto("/auth/login?prompt=login&returnTo=/error-handling");
  await new SignInPage(page).signIn("short-session@example.com", "short-session-password");
  await expect(page.getByTestId("user-name")).toHaveText("Short Session User");
  const signedInAt = Date.now();
  const demo = new DemoPage(page);

  // Before the ceiling, the same call gets a token.
  expect((await page.request.get("/auth/access-token")).status()).toBe(200);
  // session_expiry is 45 s after sign-in; the SDK stops 30 s early.
  await page.waitForTimeout(Math.max(0, signedInAt + 16_000 - Date.now()));
  const problem = await runScenario(demo, "session_expired", "Ask for a token");
  await expect(problem.code).toHaveText("missing_session");
});

test("invalid_scope: the token route refuses a scope the API does not define", async ({ page }) => {
  const demo = new DemoPage(page);
  await demo.goto("error-handling");
  const [answer, problem] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === "/auth/access-token"),
    runScenario(demo, "invalid_scope", "Ask for the scope admin:everything"),
  ]);
  expect(answer.status()).toBe(400);
  expect(answer.headers()["cache-control"]).toBe("no-store");
  await expect(problem.code).toHaveText("invalid_scope");
  await expect(problem.root).toContainText("does not define admin:everything");
});

test("a plain Error when the token route answers a 404 page", async ({ page }) => {
  const demo = new DemoPage(page);
  await demo.goto("error-handling");
  const problem = await runScenario(demo, "route_not_found", "Ask /auth/no-such-route");
  await expect(problem.code).toHaveText("route_not_found");
  await expect(problem.root).toContainText("threw Error");
  await expect(problem.root).toContainText("build time");
});

test("mfa_required: a step-up scope without a second factor throws MfaRequiredError", async ({
  page,
}) => {
  const demo = new DemoPage(page);
  await demo.goto("error-handling");
  const [answer, problem] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === "/auth/access-token"),
    runScenario(demo, "mfa_required", "Ask for refund:orders"),
  ]);
  expect(answer.status()).toBe(403);
  expect(await answer.json()).toMatchObject({ error: "mfa_required" });
  await expect(problem.code).toHaveText("mfa_required");
  await expect(problem.root).toContainText("threw MfaRequiredError");
  await expect(problem.root).toContainText("mfa.challengeWithPopup()");
});

test("the reference table lists every code, and each one marked as shown has its scenario", async ({
  page,
}) => {
  await page.goto("/error-handling");
  const shown = [
    "missing_session",
    "missing_refresh_token",
    "failed_to_refresh_token",
    "session_expired",
    "route_not_found",
    "invalid_scope",
    "mfa_required",
  ];
  const codes = Object.keys(tokenErrorCatalogue);
  for (const code of codes) {
    const row = page.getByTestId(`reference-${code}`);
    await expect(row.getByRole("cell")).toHaveCount(5);
    await expect(row.getByRole("cell").first()).toHaveText(code);
    const link = row.getByRole("link", { name: "Scenario above" });
    if (shown.includes(code)) {
      await expect(link).toHaveAttribute("href", `#scenario-${code}`);
      await expect(page.getByTestId(`scenario-${code}`)).toHaveCount(1);
    } else {
      await expect(link).toHaveCount(0);
      await expect(row).toContainText("Not brought about here");
    }
  }
  await expect(page.locator("table.reference tbody tr")).toHaveCount(codes.length);
});
