import { accessTokenTtlSeconds } from "@/test-support/servers";
import { expect, test } from "./fixtures";
import { DemoPage } from "./pages/demo-page";
import { localOnly, onTarget } from "@/test-support/target";

test.skip(onTarget, localOnly("it waits for the suite's 10-second access token to expire"));

test("a Server Component gets the token and calls the API, across a token expiry", async ({
  page,
}) => {
  test.slow(); // waits for a real token expiry
  await page.goto("/server-side");
  const panel = page.getByTestId("server-token");
  await expect(panel.getByTestId("server-profile-name")).toHaveText("Demo User");
  await expect(panel.getByTestId("server-claim-aud")).toContainText(
    "https://profile-api.example.com",
  );

  // After expiry, proxy.ts refreshes and saves the rotated refresh token before rendering.
  await page.waitForTimeout((accessTokenTtlSeconds + 1) * 1000);
  await page.reload();
  await expect(panel.getByTestId("server-profile-name")).toHaveText("Demo User");
  await page.reload();
  await expect(panel.getByTestId("server-profile-name")).toHaveText("Demo User");

  // The grant survived: the browser can still get tokens for another API.
  const demo = new DemoPage(page);
  await demo.goto("mrrt");
  await page.getByTestId("mrrt-orders").getByRole("button").click();
  await expect(demo.inspector(page.getByTestId("mrrt-orders")).aud).toContainText(
    "https://orders-api.example.com",
  );
});
