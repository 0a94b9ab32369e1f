import { apis } from "@/config/apis";
import { expect, inSignedInContext, test } from "@/e2e/fixtures";
import { issuerStats, refreshGrantsIn, statsDelta } from "@/test-support/issuer-stats";
import { sameOrigin } from "@/test-support/refusals";
import { appUrl, issuerUrl } from "@/test-support/servers";
import { localOnly, onTarget } from "@/test-support/target";

// The SDK also serves routes this app never uses: its My Account and My Organization proxies
// (which refresh a token for their own audience and write the session outside every guard),
// passwordless, passkeys, connected accounts. None of them may reach the SDK. Its MFA routes are
// used (the step-up chapter), from the app's own pages only.

test.skip(onTarget, localOnly("it reads the issuer's grant counters"));

const ATTACKER = "http://attacker.test";

test("a page on another site that sends the user's tab to /me/ and /my-org/ spends nothing", async ({
  browser,
}) => {
  await inSignedInContext(browser, appUrl, async (context) => {
    const answers: { url: string; status: number }[] = [];
    context.on("response", (response) => {
      const path = new URL(response.url()).pathname;
      if (/^\/(me|my-org)\//.test(path)) answers.push({ url: path, status: response.status() });
    });
    // The attacker's page sends the tab it is in to the app, cookie included (a top-level
    // navigation): two tabs, 40 ms apart, as two quick navigations would spend one token twice.
    await context.route(`${ATTACKER}/**`, (route) =>
      route.fulfill({
        contentType: "text/html",
        body: `<script>location.href = ${JSON.stringify(appUrl)} + new URL(location).searchParams.get("to");</script>`,
      }),
    );
    const before = await issuerStats(issuerUrl);
    const lure = async (to: string, delayMs: number) => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      const page = await context.newPage();
      await page.goto(`${ATTACKER}/?to=${encodeURIComponent(to)}`);
      await page.waitForURL(`${appUrl}${to}`);
    };
    await Promise.all([lure("/me/v1/authentication-methods", 0), lure("/my-org/members", 40)]);
    const delta = statsDelta(before, await issuerStats(issuerUrl));

    expect(answers.length, "both navigations reached the app").toBeGreaterThanOrEqual(2);
    for (const answer of answers) expect(answer, "never served").toMatchObject({ status: 404 });
    expect(refreshGrantsIn(delta), "no refresh token was spent").toBe(0);
    expect(delta.revokedGrants).toBe(0);
    // The user's own next token request still works.
    const token = await context.request.get(
      `/auth/access-token?audience=${encodeURIComponent(apis.orders.audience)}`,
      { headers: sameOrigin },
    );
    expect(token.status(), await token.text()).toBe(200);
  });
});

const unused: [string, string][] = [
  ["GET", "/me/v1/authentication-methods"],
  ["POST", "/me/v1/authentication-methods"],
  ["GET", "/my-org/members"],
  ["POST", "/auth/mfa/authenticators"],
  ["GET", "/auth/mfa/verify"],
  ["POST", "/auth/passwordless/start"],
  ["POST", "/auth/passkey/register"],
  ["GET", "/auth/connect"],
  ["POST", "/auth/federated-domain"],
  // Sessions in the cookie: there is no session store to end a session in.
  ["POST", "/auth/backchannel-logout"],
];

test("every SDK route the app does not use answers 404, signed in, and touches nothing", async ({
  browser,
}) => {
  await inSignedInContext(browser, appUrl, async (context) => {
    const before = await issuerStats(issuerUrl);
    for (const [method, path] of unused) {
      const response = await context.request.fetch(path, {
        method,
        headers: { ...sameOrigin, "Content-Type": "application/json", scope: "read:me" },
        data: method === "POST" ? {} : undefined,
      });
      expect(response.status(), `${method} ${path}`).toBe(404);
      expect(response.headers()["set-cookie"], `${method} ${path}`).toBeUndefined();
    }
    expect(refreshGrantsIn(statsDelta(before, await issuerStats(issuerUrl)))).toBe(0);
  });
});

test("the MFA routes answer the app's own pages only: another site or a typed URL gets 403", async ({
  browser,
}) => {
  await inSignedInContext(browser, appUrl, async (context) => {
    const routes: [string, string][] = [
      ["GET", "/auth/mfa/authenticators"],
      ["POST", "/auth/mfa/challenge"],
      ["POST", "/auth/mfa/associate"],
      ["POST", "/auth/mfa/verify"],
    ];
    for (const [method, path] of routes) {
      for (const site of ["cross-site", "same-site", "none"]) {
        const response = await context.request.fetch(path, {
          method,
          headers: { "sec-fetch-site": site, "content-type": "application/json" },
          data: method === "POST" ? { mfa_token: "x", otp: "123456" } : undefined,
        });
        expect(response.status(), `${method} ${path} ${site}`).toBe(403);
        expect(await response.json()).toMatchObject({ error: "cross_site_request" });
      }
      // From the app's own page the SDK answers: a forged mfa_token is its own refusal.
      const own = await context.request.fetch(path, {
        method,
        headers: {
          ...sameOrigin,
          authorization: "Bearer forged",
          "content-type": "application/json",
        },
        data: method === "POST" ? { mfa_token: "forged", otp: "123456" } : undefined,
      });
      expect([400, 401], `${method} ${path} same origin`).toContain(own.status());
      expect(own.headers()["cache-control"], `${method} ${path}`).toBe("no-store");
    }
  });
});
