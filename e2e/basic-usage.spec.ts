import { expect, test } from "./fixtures";
import { DemoPage } from "./pages/demo-page";

test("getAccessToken() gets the sign-in token and the Profile API accepts it", async ({ page }) => {
  const demo = new DemoPage(page);
  await demo.goto("basic-usage");
  const answer = await demo.clickAndCapture(demo.button(/load my profile/), "/api/profile/me");

  expect(answer.status).toBe(200);
  expect(answer.body.token).toMatchObject({
    aud: expect.arrayContaining(["https://profile-api.example.com"]),
    scope: expect.stringContaining("read:profile"),
    azp: "local-demo-app",
  });
  await expect(page.getByTestId("profile-name")).toHaveText("Demo User");
  const inspector = demo.inspector();
  await expect(inspector.aud).toContainText("https://profile-api.example.com");
  await expect(inspector.scope).toContainText("read:profile");
  await expect(inspector.warning).toHaveCount(0);
});

test("the page shows the code that ran, read from its source file", async ({ page }) => {
  await page.goto("/basic-usage");
  const sample = page.locator("figure.code-sample").first();
  await expect(sample).toContainText("const token = await getAccessToken();");
  await expect(sample).toContainText("Authorization: `Bearer ${token}`");
  await sample.getByRole("link").click();
  await expect(
    page.getByRole("heading", { name: "components/demos/basic-usage.tsx" }),
  ).toBeVisible();
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
