import { expect, test } from "./fixtures";
import { DemoPage } from "./pages/demo-page";

test("one refresh token gets tokens for both APIs in the policy", async ({ page }) => {
  const demo = new DemoPage(page);
  await demo.goto("mrrt");
  for (const [api, audience, scope] of [
    ["profile", "https://profile-api.example.com", "read:profile"],
    ["orders", "https://orders-api.example.com", "read:orders"],
  ] as const) {
    const card = page.getByTestId(`mrrt-${api}`);
    await card.getByRole("button").click();
    const inspector = demo.inspector(card);
    await expect(inspector.aud).toContainText(audience);
    await expect(inspector.scope).toContainText(scope);
    await expect(inspector.warning).toHaveCount(0);
  }
  await expect(page.getByTestId("refresh-token-state")).toHaveText("one, shared by every API");
  await expect(
    page.getByTestId("session-token-row").filter({ hasText: "https://orders-api.example.com" }),
  ).toHaveCount(1);
});

test("an audience outside the policy silently gets the sign-in audience, and the app says so", async ({
  page,
}) => {
  const demo = new DemoPage(page);
  await demo.goto("mrrt");
  const card = page.getByTestId("mrrt-reports");
  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.url().includes("audience=https%3A%2F%2Freports-api.example.com")),
    card.getByRole("button").click(),
  ]);
  expect(answer.status()).toBe(200);
  const inspector = demo.inspector(card);
  await expect(inspector.aud).toContainText("https://profile-api.example.com");
  await expect(inspector.aud).not.toContainText("reports");
  await expect(inspector.warning).toContainText(
    "Asked for a token for https://reports-api.example.com but got one for https://profile-api.example.com",
  );
});

test("the chapter shows the Management API request that sets the policy, from auth0:setup's source", async ({
  page,
}) => {
  await page.goto("/mrrt");
  const samples = page.locator("figure.code-sample");
  const body = samples.filter({ hasText: "provisioning/plan.ts" });
  await expect(body).toContainText('rotation_type: "rotating"');
  await expect(body).toContainText("policies,");
  const request = samples.filter({ hasText: "provisioning/setup.ts" });
  await expect(request).toContainText("PATCH /api/v2/clients/{client_id}");
  await expect(request).toContainText(
    "await management.clients.update(change.clientId, change.body);",
  );
});
