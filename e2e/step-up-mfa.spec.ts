import type { Browser, Page } from "@playwright/test";
import { demoUsers } from "@/config/demo-users";
import { freshOtp, otpFor } from "@/test-support/mfa-flow";
import { OwnServers } from "@/test-support/own-servers";
import { localOnly, onTarget } from "@/test-support/target";
import { expect, signedInContext, test } from "./fixtures";

test.skip(onTarget, localOnly("it computes one-time codes from the local demo secret"));

// One-time codes work once per 30-s step and user: this spec's own issuer keeps other specs'
// codes out of its way, and `freshOtp` waits for a new step when a code was used already.
const APP = "http://localhost:3415";
const servers = new OwnServers(4415);
const [demoUser, secondUser] = demoUsers;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(90_000);
  await servers.startIssuer([APP]);
  await servers.startApp(3415);
});

test.afterAll(() => servers.stop());

async function askRefund(page: Page, index = 0) {
  await page
    .locator("[data-testid^=order-]")
    .nth(index)
    .getByRole("button", { name: "Refund" })
    .click();
}

/** Signs `user` in, opens the chapter and asks to refund one of their orders. */
async function refundAsked(browser: Browser, user: (typeof demoUsers)[number], index = 0) {
  const context = await signedInContext(browser, { baseURL: APP, user });
  const page = await context.newPage();
  await page.goto("/step-up-mfa");
  await askRefund(page, index);
  return { context, page };
}

test("a refund needs a second factor; a code typed on the page refunds, and only that token is stepped up", async ({
  browser,
}) => {
  test.setTimeout(60_000);
  const { context, page } = await refundAsked(browser, demoUser);
  const stepUp = page.getByTestId("step-up");
  await expect(stepUp).toContainText("mfa_required");
  await stepUp.getByRole("button", { name: "Type a code here" }).click();

  // A wrong code first: refused with the reason and the fix, nothing refunded.
  const form = page.getByTestId("mfa-code-form");
  await form.getByLabel("One-time code").fill("000000");
  await form.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByTestId("mfa-problem")).toContainText(
    "Type the code your authenticator shows now",
  );

  await form.getByLabel("One-time code").fill(await freshOtp(demoUser.totpSecret ?? ""));
  await form.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByTestId("refund-result")).toContainText("refunded");
  await expect(page.getByTestId("refund-result").getByTestId("claim-scope")).toContainText(
    "refund:orders",
  );
  // The session keeps that access token (no refresh token came with it)…
  await expect(
    page.getByTestId("session-token-row").filter({ hasText: "refund:orders" }),
  ).toHaveCount(1);
  // …and once it expires (10 s here), the next refund asks for a code again.
  await page.waitForTimeout(11_000);
  await askRefund(page, 1);
  await expect(page.getByTestId("step-up")).toContainText("mfa_required");
  await context.close();
});

test("the popup signs in again with a code, and step-up then lasts for the session", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const { context, page } = await refundAsked(browser, demoUser, 1);
  const [popup] = await Promise.all([
    page.waitForEvent("popup"),
    page.getByTestId("step-up").getByRole("button", { name: "Verify in a popup" }).click(),
  ]);
  await popup.getByLabel(/code/i).fill(await freshOtp(demoUser.totpSecret ?? ""));
  await popup.getByRole("button", { name: /verify|continue|submit/i }).click();
  await expect(page.getByTestId("refund-result")).toContainText("refunded", { timeout: 30_000 });

  // The stepped-up token expires (10 s here); the next refund refreshes without a challenge.
  await page.waitForTimeout(11_000);
  await askRefund(page, 0);
  await expect(page.getByTestId("refund-result")).toBeVisible();
  await expect(page.getByTestId("step-up")).toHaveCount(0);
  await context.close();
});

test("a user with no factor enrols on the page, then refunds", async ({ browser }) => {
  const { context, page } = await refundAsked(browser, secondUser);
  await page.getByTestId("step-up").getByRole("button", { name: "Type a code here" }).click();
  const secret = await page.getByTestId("mfa-secret").innerText();
  const form = page.getByTestId("mfa-code-form");
  await form.getByLabel("One-time code").fill(otpFor(secret));
  await form.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByTestId("refund-result")).toContainText("refunded");
  await context.close();
});
