import { expect, suiteUser, test } from "./fixtures";
import { DemoPage } from "./pages/demo-page";

test("signing out clears the tokens: the next getAccessToken() is missing_session", async ({
  signedInPage,
}) => {
  const page = await signedInPage(suiteUser);
  const demo = new DemoPage(page);
  await demo.goto("basic-usage");
  const before = await demo.clickAndCapture(demo.button(/load my profile/), "/api/profile/me");
  expect(before.status).toBe(200);

  await page.getByRole("link", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();

  const tokenRoute = await page.request.get("/auth/access-token");
  expect(tokenRoute.status()).toBe(401);
  expect(await tokenRoute.json()).toMatchObject({ error: { code: "missing_session" } });

  await demo.goto("basic-usage");
  await demo.button(/load my profile/).click();
  await expect(demo.problem().code).toHaveText("missing_session");
});
