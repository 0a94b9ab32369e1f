import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { apis } from "@/config/apis";
import { demoUsers } from "@/config/demo-users";
import { paths } from "@/config/paths";
import { TOKEN_LOCK_TIMEOUT_MS } from "@/lib/tokens/token-deadlines";
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

test("another tab keeps getting its tokens while a popup is open; a popup closed early changes nothing", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const { context, page } = await refundAsked(browser, demoUser);
  const [popup] = await Promise.all([
    page.waitForEvent("popup"),
    page.getByTestId("step-up").getByRole("button", { name: "Verify in a popup" }).click(),
  ]);
  await expect(popup.getByLabel(/code/i)).toBeVisible();
  const popupOpenedAt = Date.now();

  // Ten widgets, each with its own token request through the cross-tab lock.
  const other = await context.newPage();
  const askedAt = Date.now();
  await other.goto("/token-races");
  await expect(other.locator('[data-testid="widget"][data-state="ok"]')).toHaveCount(10, {
    timeout: TOKEN_LOCK_TIMEOUT_MS,
  });
  const otherMs = Date.now() - askedAt;
  expect(popup.isClosed(), "the popup is still open").toBe(false);
  test.info().annotations.push(
    { type: "other tab: opened → ten tokens and their data", description: `${otherMs} ms` },
    {
      type: "popup open meanwhile",
      description: `${Date.now() - popupOpenedAt} ms (still open)`,
    },
  );

  // The user closes the popup without a code: the page says so and keeps both ways out.
  await popup.close();
  const problem = page.getByTestId("popup-problem");
  await expect(problem).toContainText("popup_cancelled");
  await expect(problem).toContainText("closed before it finished");
  await expect(
    page.getByTestId("step-up").getByRole("button", { name: "Type a code here" }),
  ).toBeVisible();
  await expect(page.getByTestId("refund-result")).toHaveCount(0);
  await context.close();
});

/** Asks the token route for the refund scope: 403 `mfa_required` with the SDK's `mfa_token`. */
async function mfaTokenFor(request: APIRequestContext): Promise<string> {
  const query = new URLSearchParams({ audience: apis.orders.audience, scope: "refund:orders" });
  const response = await request.get(`${paths.defaultTokenRoute}?${query}`);
  expect(response.status()).toBe(403);
  const body = (await response.json()) as { error: string; mfa_token: string };
  expect(body.error).toBe("mfa_required");
  return body.mfa_token;
}

const verify = (request: APIRequestContext, mfaToken: string, otp: string) =>
  request.post("/auth/mfa/verify", {
    headers: { Authorization: `Bearer ${mfaToken}` },
    data: { otp },
  });

test("an mfa_token verifies only in the session it was handed to: another user's, another sign-in's, a tampered one, none → mfa_token_invalid", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const alice = await signedInContext(browser, { baseURL: APP, user: demoUser });
  const bob = await signedInContext(browser, { baseURL: APP, user: secondUser });
  const aliceElsewhere = await signedInContext(browser, { baseURL: APP, user: demoUser });
  const nobody = await browser.newContext({ baseURL: APP });
  try {
    const mfaToken = await mfaTokenFor(alice.request);
    const tampered = `${mfaToken.slice(0, -2)}${mfaToken.endsWith("AA") ? "BB" : "AA"}`;
    // Alice's good code: refused before it reaches the authorization server, so never spent.
    const code = otpFor(demoUser.totpSecret ?? "");
    for (const [who, request, token] of [
      ["another user's session", bob.request, mfaToken],
      ["another sign-in of the same user", aliceElsewhere.request, mfaToken],
      ["no session", nobody.request, mfaToken],
      ["a tampered token", alice.request, tampered],
      // The JWE decoder skips whitespace: the same token with a space must not slip through.
      [
        "another user's session, a space inside",
        bob.request,
        `${mfaToken.slice(0, -6)} ${mfaToken.slice(-6)}`,
      ],
      [
        "no session, a space inside",
        nobody.request,
        `${mfaToken.slice(0, -6)} ${mfaToken.slice(-6)}`,
      ],
    ] as const) {
      const response = await verify(request, token, code);
      expect(response.status(), who).toBe(401);
      expect((await response.json()).error, who).toBe("mfa_token_invalid");
      expect(response.headers()["cache-control"], who).toBe("no-store");
    }
    // Nothing was stored: Bob still needs a second factor for a refund.
    await mfaTokenFor(bob.request);

    // In the session it was handed to, the same token and a good code step up.
    const verified = await verify(
      alice.request,
      mfaToken,
      await freshOtp(demoUser.totpSecret ?? ""),
    );
    expect(await verified.json()).toEqual({ success: true });
    const query = new URLSearchParams({ audience: apis.orders.audience, scope: "refund:orders" });
    const token = await alice.request.get(`${paths.defaultTokenRoute}?${query}`);
    expect(token.status()).toBe(200);
    expect((await token.json()).scope).toContain("refund:orders");
  } finally {
    await Promise.all([alice, bob, aliceElsewhere, nobody].map((context) => context.close()));
  }
});

test("the authorization server stalls during the challenge: the page says so within a deadline; once it is back, nothing was lost", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const { context, page } = await refundAsked(browser, demoUser);
  await expect(page.getByTestId("step-up")).toContainText("mfa_required");
  servers.stallIssuer(true);
  try {
    const startedAt = Date.now();
    await page.getByTestId("step-up").getByRole("button", { name: "Type a code here" }).click();
    const problem = page.getByTestId("mfa-problem");
    await expect(problem).toContainText("The authorization server could not be reached", {
      timeout: 20_000,
    });
    test.info().annotations.push({
      type: "stalled issuer → the page explains",
      description: `${Date.now() - startedAt} ms`,
    });
  } finally {
    servers.stallIssuer(false);
  }
  await expect(page.getByTestId("refund-result")).toHaveCount(0);
  // The session is intact: the next refund asks for a second factor again, as before.
  await askRefund(page, 1);
  await expect(page.getByTestId("step-up")).toContainText("mfa_required");
  await context.close();
});
