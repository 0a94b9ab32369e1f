/**
 * Contract tests: the sign-in page, /authorize errors, /userinfo and RP-initiated logout, driven
 * like a browser (cookies kept by hand, redirects followed one by one).
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { apis } from "@/config/apis";
import { issuerForSuite } from "@/test-support/issuer-fixture";
import { appBaseUrl, authorize, Browser, login, tokenRequest } from "@/test-support/oauth-flow";

describe("sign-in, authorize errors, userinfo and logout", () => {
  const issuer = issuerForSuite();

  test("sign-in page: accessible form with Email, Password and Continue", async () => {
    const result = await authorize(issuer().url, {
      password: "wrong",
      audience: apis.profile.audience,
    });
    assert.equal(result.kind, "page");
    const { html } = result as { html: string };
    assert.match(html, /<html lang="en">/);
    assert.match(html, /<title>Sign in/);
    assert.match(html, /<h1>Sign in<\/h1>/);
    assert.match(html, /<label for="email">Email<\/label>\s*<input id="email"/);
    assert.match(html, /<label for="password">Password<\/label>\s*<input id="password"/);
    assert.match(html, /<button type="submit">Continue<\/button>/);
  });

  test("wrong password: 401 with an error message, the email kept", async () => {
    const result = await authorize(issuer().url, { email: "demo@example.com", password: "nope" });
    assert.equal(result.kind, "page");
    const { status, html } = result as { status: number; html: string };
    assert.equal(status, 401);
    assert.match(html, /role="alert"[^>]*>Wrong email or password\./);
    assert.match(html, /value="demo@example\.com"/);
  });

  test("a failed sign-in logs the email quoted: CR/LF cannot forge a log line", async () => {
    const forged = "x@example.com\n[local-issuer] signed in demo@example.com";
    await authorize(issuer().url, { email: forged, password: "nope" });
    const line = issuer().lines.findLast((entry) => entry.startsWith("sign-in failed for"));
    assert.equal(line, `sign-in failed for ${JSON.stringify(forged)}`);
    assert.ok(!issuer().lines.some((entry) => entry.includes("\n")));
  });

  test("second demo user signs in with their own profile", async () => {
    const { body } = await login(issuer().url, {
      audience: apis.profile.audience,
      email: "second@example.com",
      password: "second-password",
    });
    const claims = JSON.parse(
      Buffer.from(body.id_token?.split(".")[1] ?? "", "base64url").toString(),
    );
    assert.equal(claims.name, "Second User");
    assert.equal(claims.email, "second@example.com");
  });

  test("unknown audience at /authorize: access_denied 'Service not found: <aud>'", async () => {
    const result = await authorize(issuer().url, { audience: "https://unknown-api.example.com" });
    assert.deepEqual(result, {
      kind: "error",
      error: "access_denied",
      description: "Service not found: https://unknown-api.example.com",
    });
  });

  test("no audience: an opaque access token that works at /userinfo", async () => {
    const { body } = await login(issuer().url);
    assert.equal(body.access_token?.split(".").length, 1, "opaque, not a JWT");
    const response = await fetch(new URL("userinfo", issuer().url), {
      headers: { authorization: `Bearer ${body.access_token}` },
    });
    assert.equal(response.status, 200);
    const profile = (await response.json()) as Record<string, unknown>;
    assert.equal(profile.sub, "auth0|local-demo-user");
    assert.equal(profile.name, "Demo User");
  });

  test("logout: end_session posts itself and redirects to post_logout_redirect_uri", async () => {
    const browser = new Browser();
    const signedIn = await authorize(issuer().url, { audience: apis.profile.audience, browser });
    assert.equal(signedIn.kind, "code");

    const logoutUrl = new URL("oidc/logout", issuer().url);
    logoutUrl.search = new URLSearchParams({
      client_id: "local-demo-app",
      post_logout_redirect_uri: appBaseUrl,
    }).toString();
    const page = await browser.request(logoutUrl);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /\.submit\(\)/, "the page submits itself, no confirmation click");
    const action = /action="([^"]+)"/.exec(html)?.[1] ?? assert.fail("no form");
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1] ?? assert.fail("no xsrf");
    const confirmed = await browser.request(action, {
      method: "POST",
      body: new URLSearchParams({ xsrf, logout: "yes" }),
    });
    assert.equal(confirmed.status, 303);
    assert.equal(confirmed.headers.get("location"), `${appBaseUrl}/`);

    const again = await authorize(issuer().url, { browser, password: "wrong" });
    assert.equal(again.kind, "page", "the session is gone: the sign-in form shows again");
  });

  test("an authorization code works once", async () => {
    const result = await authorize(issuer().url, { audience: apis.profile.audience });
    assert.equal(result.kind, "code");
    const { code, codeVerifier } = result as { code: string; codeVerifier: string };
    const params = {
      grant_type: "authorization_code",
      code,
      code_verifier: codeVerifier,
      redirect_uri: `${appBaseUrl}/auth/callback`,
    };
    assert.equal((await tokenRequest(issuer().url, params)).status, 200);
    assert.equal((await tokenRequest(issuer().url, params)).body.error, "invalid_grant");
  });
});
