import { secondUser, expect, suiteUser, test } from "./fixtures";
import { DemoPage, readAnswer } from "./pages/demo-page";
import { localOnly, onTarget } from "@/test-support/target";

test("each API gets a token for its own audience", async ({ page }) => {
  const demo = new DemoPage(page);
  const answers = Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/api/profile/me")).then(readAnswer),
    page.waitForResponse((r) => r.url().endsWith("/api/orders")).then(readAnswer),
  ]);
  await demo.goto("multi-api");
  const [profile, orders] = await answers;

  expect(profile.status).toBe(200);
  expect(orders.status).toBe(200);
  expect(profile.body.token).toMatchObject({
    aud: expect.arrayContaining(["https://profile-api.example.com"]),
  });
  expect(orders.body.token).toMatchObject({
    aud: expect.arrayContaining(["https://orders-api.example.com"]),
    scope: expect.stringContaining("read:orders"),
  });
  await expect(page.getByTestId("profile")).toContainText(suiteUser.name ?? /\S/);
  await expect(page.getByTestId("orders").getByRole("listitem").first()).toBeVisible();
  const ordersPanel = page.getByRole("region", { name: "Orders API" });
  await expect(demo.inspector(ordersPanel).aud).toContainText("https://orders-api.example.com");
});

test("the Orders API refuses the Profile API's token with 401 invalid_token", async ({ page }) => {
  const demo = new DemoPage(page);
  await demo.goto("multi-api");
  // Let the panels' own calls finish, so the answer captured below is the button's.
  await expect(page.getByTestId("orders")).toBeVisible();
  await expect(page.getByTestId("profile")).toBeVisible();
  const answer = await demo.clickAndCapture(
    demo.button("Call the Orders API with the profile token"),
    "/api/orders",
  );

  expect(answer.status).toBe(401);
  expect(answer.body).toMatchObject({
    error: "invalid_token",
    expected_audience: "https://orders-api.example.com",
  });
  const problem = demo.problem();
  await expect(problem.apiStatus).toHaveText("401");
  await expect(problem.apiError).toHaveText("invalid_token");
  await expect(problem.root).toContainText('Bearer realm="Orders API", error="invalid_token"');
});

test("another user sees their own data, not the demo user's", async ({ signedInPage }) => {
  test.skip(onTarget, localOnly("it signs in the second demo user"));
  const page = await signedInPage(secondUser);
  const profile = page.waitForResponse((r) => r.url().endsWith("/api/profile/me")).then(readAnswer);
  await page.goto("/multi-api");
  const answer = await profile;
  expect(answer.body).toMatchObject({ name: "Second User", email: "second@example.com" });
  await expect(page.getByTestId("profile")).toContainText("Second User");
});

test("an API that does not answer is explained in its own panel, retried, and the other keeps working", async ({
  page,
}) => {
  const demo = new DemoPage(page);
  // The Orders API is down: no answer at all, as when its server is stopped.
  await page.route("**/api/orders", (route) => route.abort("connectionrefused"));
  await demo.goto("multi-api");
  const ordersPanel = page.getByRole("region", { name: "Orders API" });
  const problem = demo.problem(ordersPanel);
  await expect(problem.root).toContainText("The API did not answer");
  await expect(problem.apiError).toHaveText("api_unreachable");
  await expect(page.getByTestId("profile")).toContainText(suiteUser.name ?? /\S/);

  await page.unroute("**/api/orders");
  await problem.root.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByTestId("orders").getByRole("listitem").first()).toBeVisible();
  await expect(problem.root).toHaveCount(0);
});
