import { accessTokenTtlSeconds } from "@/test-support/servers";
import { expect, test } from "./fixtures";
import { DemoPage } from "./pages/demo-page";
import { localOnly, onTarget } from "@/test-support/target";

test.skip(onTarget, localOnly("it waits for the suite's 10-second access token to expire"));

test("includeFullResponse shows every field, and a refresh after expiry", async ({ page }) => {
  test.slow(); // waits for a real token expiry
  const demo = new DemoPage(page);
  await demo.goto("full-response");

  const first = await demo.clickAndCapture(
    demo.button("Get the full token response"),
    "/auth/access-token",
  );
  expect(first.status).toBe(200);
  expect(first.body).toMatchObject({
    token: expect.any(String),
    expires_at: expect.any(Number),
    expires_in: expect.any(Number),
    scope: expect.stringContaining("read:profile"),
  });
  const response = page.getByTestId("full-response");
  await expect(response.getByTestId("scope-field")).toContainText("read:profile");
  await expect(response.getByTestId("expires-at")).toContainText(String(first.body.expires_at));
  await expect(response.getByTestId("countdown")).toContainText(/in \d+ s|expired/);

  // Masked until revealed.
  const token = String(first.body.token);
  await expect(response.getByTestId("token-value")).not.toHaveText(token);
  await response.getByRole("button", { name: "Reveal token" }).click();
  await expect(response.getByTestId("token-value")).toHaveText(token);

  // Once it has expired, asking again refreshes transparently: a new token, token_type "bearer".
  const waitMs = (Number(first.body.expires_at) + 1) * 1000 - Date.now();
  expect(waitMs).toBeLessThanOrEqual((accessTokenTtlSeconds + 2) * 1000);
  await page.waitForTimeout(Math.max(0, waitMs));
  await expect(response.getByTestId("countdown")).toContainText("expired");
  const second = await demo.clickAndCapture(demo.button("Ask again"), "/auth/access-token");
  expect(second.status).toBe(200);
  expect(second.body.token).not.toBe(token);
  expect(Number(second.body.expires_at)).toBeGreaterThan(Number(first.body.expires_at));
  expect(second.body.token_type).toBe("bearer");
  await expect(response.getByTestId("token-type")).toHaveText("bearer");
  await expect(page.getByTestId("user-name")).toHaveText("Demo User");
});
