import { localClient } from "@/config/local-client";
import { expect, suiteUser, test } from "./fixtures";
import { DemoPage } from "./pages/demo-page";
import { onTarget } from "@/test-support/target";

test("getAccessToken() gets the sign-in token and the Profile API accepts it", async ({ page }) => {
  const demo = new DemoPage(page);
  await demo.goto("basic-usage");
  const answer = await demo.clickAndCapture(demo.button(/load my profile/), "/api/profile/me");

  expect(answer.status).toBe(200);
  expect(answer.body.token).toMatchObject({
    aud: expect.arrayContaining(["https://profile-api.example.com"]),
    scope: expect.stringContaining("read:profile"),
    // A tenant's client id is its own; the suite knows only the local one.
    azp: onTarget ? expect.any(String) : localClient.clientId,
  });
  await expect(page.getByTestId("profile-name")).toHaveText(suiteUser.name ?? /\S/);
  const inspector = demo.inspector();
  await expect(inspector.aud).toContainText("https://profile-api.example.com");
  await expect(inspector.scope).toContainText("read:profile");
  await expect(inspector.warning).toHaveCount(0);
});

test("the page shows the code that ran, its import included, read from its source file", async ({
  page,
}) => {
  await page.goto("/basic-usage");
  const samples = page.locator("figure.code-sample");
  const imports = samples.nth(0);
  const call = samples.nth(1);
  await expect(imports).toContainText('import { getAccessToken } from "@auth0/nextjs-auth0";');
  await expect(call).toContainText("const token = await getAccessToken();");
  await expect(call).toContainText("Authorization: `Bearer ${token}`");
  await call.getByRole("link").click();
  await expect(
    page.getByRole("heading", { name: "components/demos/basic-usage.tsx" }),
  ).toBeVisible();
});

test("an API refusal is explained like in every chapter: status, RFC 6750 error, challenge, retry", async ({
  page,
}) => {
  const demo = new DemoPage(page);
  await demo.goto("basic-usage");
  // The token the API gets is not one it accepts: an audience mix-up, made here on the wire.
  await page.route("**/api/profile/me", (route) =>
    route.continue({
      headers: { ...route.request().headers(), authorization: "Bearer not-a-jwt" },
    }),
  );
  await demo.button(/load my profile/).click();
  const problem = demo.problem();
  await expect(problem.apiStatus).toHaveText("401");
  await expect(problem.apiError).toHaveText("invalid_token");
  await expect(problem.root).toContainText('WWW-Authenticate: Bearer realm="Profile API"');
  await expect(problem.root.getByRole("button", { name: "Try again" })).toBeVisible();
});

test("signed out, the demo explains missing_session and offers to sign in", async ({
  freshContext,
}) => {
  const page = await freshContext.newPage();
  const demo = new DemoPage(page);
  await demo.goto("basic-usage");
  await demo.button(/load my profile/).click();
  await expect(demo.problem().code).toHaveText("missing_session");
  await expect(demo.problem().root.getByRole("link", { name: "Sign in again" })).toHaveAttribute(
    "href",
    "/auth/login?returnTo=%2Fbasic-usage",
  );
});
