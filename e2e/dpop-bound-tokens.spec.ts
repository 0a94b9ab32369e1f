import type { Browser, BrowserContext, Page } from "@playwright/test";
import { apis } from "@/config/apis";
import { paths } from "@/config/paths";
import { DPOP_STORM_PAGES, runNavigationStorm } from "@/test-support/navigation-storm";
import { OwnServers } from "@/test-support/own-servers";
import { localOnly, onTarget } from "@/test-support/target";
import { demoUser, expect, test, watchCspViolations } from "./fixtures";
import { SignInPage } from "./pages/sign-in-page";

test.skip(onTarget, localOnly("it starts its own issuer with 2-second tokens for the storm"));

// 2-second tokens and no reuse leeway: every call refreshes, and a refresh token spent twice
// revokes the grant, as on Auth0. Its own issuer and app keep that away from the other specs.
const APP = "http://localhost:3971";
const TOKEN_TTL_SECONDS = 2;
const STORM_MS = 30_000;
const servers = new OwnServers(4971);

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(90_000);
  await servers.startIssuer([APP], {
    LOCAL_ISSUER_ACCESS_TOKEN_TTL: String(TOKEN_TTL_SECONDS),
    LOCAL_ISSUER_REFRESH_REUSE_INTERVAL: "0",
  });
  await servers.startApp(3971);
});

test.afterAll(() => servers.stop());

/** A context of its own, signed in with the DPoP client only, on the chapter's page. */
async function dpopSignedIn(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: APP });
  watchCspViolations(context);
  const page = await context.newPage();
  await page.goto("/dpop-bound-tokens");
  await page.getByTestId("dpop-sign-in").click();
  await new SignInPage(page).signIn(demoUser.email, demoUser.password);
  await expect(page.getByTestId("dpop-signed-in")).toContainText(demoUser.name);
  return { context, page };
}

test("the browser gets a DPoP-bound token, and the Payments API refuses it as Bearer", async ({
  browser,
}) => {
  const { context, page } = await dpopSignedIn(browser);
  await page.getByRole("button", { name: /try it as Bearer/ }).click();
  // Lower-case: the SDK stores oauth4webapi's spelling after a refresh.
  await expect(page.getByTestId("dpop-token-type")).toHaveText(/^dpop$/i);
  await expect(page.getByTestId("claim-aud")).toContainText(apis.payments.audience);
  await expect(page.getByTestId("dpop-bearer-refusal")).toContainText("401");
  await expect(page.getByTestId("dpop-bearer-refusal")).toContainText("invalid_token");
  await expect(page.getByTestId("dpop-bearer-refusal")).toContainText("accepts only DPoP-bound");
  // The Bearer chapters' session is not this one: the first client knows nobody.
  const cookies = (await context.cookies()).map((cookie) => cookie.name);
  expect(cookies.some((name) => name.startsWith("__session_dpop"))).toBe(true);
  expect(cookies.filter((name) => /^__session(__\d+)?$/.test(name))).toEqual([]);
  expect(watchCspViolations(context)).toEqual([]);
  await context.close();
});

test("the server's fetcher signs a proof, learns the nonce from a 401 and succeeds", async ({
  browser,
}) => {
  const { context, page } = await dpopSignedIn(browser);
  await page.getByRole("button", { name: "Call the Payments API from the server" }).click();
  const exchanges = page.getByTestId("dpop-exchange");
  await expect(exchanges).toHaveCount(2);
  const [first, second] = [exchanges.nth(0), exchanges.nth(1)];
  await expect(first.getByTestId("exchange-status")).toHaveText("401");
  await expect(first.getByTestId("exchange-outcome")).toContainText("use_dpop_nonce");
  await expect(first.getByTestId("proof-nonce")).toHaveText("(none)");
  await expect(second.getByTestId("exchange-status")).toHaveText("200");
  await expect(second.getByTestId("exchange-outcome")).toContainText("payments");
  await expect(second.getByTestId("proof-nonce")).not.toHaveText("(none)");
  // The proof is signed by the key the token is bound to; the key itself is never shown.
  const jkt = await page.getByTestId("dpop-token-jkt").textContent();
  await expect(second.getByTestId("proof-jkt")).toHaveText(jkt ?? "");
  await expect(page.locator("body")).not.toContainText("PRIVATE KEY");
  await context.close();
});

test("a stolen token is refused with another key's proof, and a captured proof twice", async ({
  browser,
}) => {
  const { context, page } = await dpopSignedIn(browser);
  await page.getByRole("button", { name: "Steal the token and replay it" }).click();
  const exchanges = page.getByTestId("dpop-exchange");
  await expect(exchanges).toHaveCount(4);
  const [ownKey, replayed] = [exchanges.nth(2), exchanges.nth(3)];
  await expect(ownKey).toContainText("an attacker");
  await expect(ownKey.getByTestId("exchange-status")).toHaveText("401");
  await expect(ownKey.getByTestId("exchange-outcome")).toContainText("another key");
  await expect(replayed.getByTestId("exchange-status")).toHaveText("401");
  await expect(replayed.getByTestId("exchange-outcome")).toContainText("used before");
  await context.close();
});

test("the server-side call answers this app's pages only", async ({ request }) => {
  const typed = await request.post(`${APP}${paths.dpopCall}`, {
    headers: { "Sec-Fetch-Site": "cross-site" },
  });
  expect(typed.status()).toBe(403);
  expect((await request.get(`${APP}${paths.dpopCall}`)).status()).toBe(405);
  // Only the DPoP client's used routes reach it: anything else under /auth/dpop/ is a 404.
  expect((await request.get(`${APP}/auth/dpop/profile`)).status()).toBe(404);
  const other = await request.get(
    `${APP}${paths.dpopRoutes.accessToken}?audience=${encodeURIComponent(apis.orders.audience)}`,
  );
  expect(other.status()).toBe(400);
  // Nor can a sign-in link ask it for another API (the SDK would pass these on to /authorize).
  const orders = encodeURIComponent(apis.orders.audience);
  const signIn = await request.get(
    `${APP}${paths.dpopRoutes.login}?audience=${orders}&scope=openid%20read:orders`,
    { maxRedirects: 0 },
  );
  expect(signIn.status()).toBe(400);
  expect(await signIn.text()).toContain("takes only returnTo");
});

test("the harsh navigation storm on the chapter never spends a refresh token twice", async ({
  browser,
}) => {
  test.setTimeout(STORM_MS + 60_000);
  const { context } = await dpopSignedIn(browser);
  const result = await runNavigationStorm(context, {
    issuerUrl: servers.issuerUrl,
    tabs: 3,
    durationMs: STORM_MS,
    pages: DPOP_STORM_PAGES,
    stillSignedIn: async (signedIn) => {
      const query = new URLSearchParams({ audience: apis.payments.audience });
      return (await signedIn.request.get(`${paths.dpopRoutes.accessToken}?${query}`)).ok();
    },
  });
  console.log("DPoP chapter storm:", JSON.stringify(result));
  expect(result.invalidGrant).toBe(0);
  expect(result.revokedGrants).toBe(0);
  expect(result.stillSignedIn).toBe(true);
  const refreshes = Object.values(result.refreshGrants).reduce((sum, n) => sum + n, 0);
  expect(refreshes).toBeGreaterThan(STORM_MS / 1000 / TOKEN_TTL_SECONDS);
  expect(watchCspViolations(context)).toEqual([]);
  await context.close();
});
