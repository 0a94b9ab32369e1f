/**
 * Contract tests: step-up at sign-in, as Auth0 does it for `acr_values` naming its multi-factor
 * policy (what the SDK's `mfa.challengeWithPopup` sends): a one-time code after the password (or
 * instead of it for a signed-in user), enrolment first for a user with no authenticator, and
 * `amr: ["mfa"]` in that login's ID token and refresh token, so refund refreshes then need no
 * challenge. A good code is accepted once, so each suite that signs in with one has its own issuer.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { apis } from "@/config/apis";
import { MFA_ACR, MFA_MAX_ATTEMPTS } from "@/local-issuer/config";
import { issuerForSuite } from "@/test-support/issuer-fixture";
import { demoSecret, otpFor, refundAsk } from "@/test-support/mfa-flow";
import { authorize, claimsOf, login, refresh } from "@/test-support/oauth-flow";

const mfaLogin = { audience: apis.profile.audience, acrValues: MFA_ACR };

describe("acr_values multi-factor at sign-in (demo@example.com, enrolled)", () => {
  const issuer = issuerForSuite();

  test("discovery lists Auth0's multi-factor acr value", async () => {
    const response = await fetch(new URL(".well-known/openid-configuration", issuer().url));
    const discovery = (await response.json()) as { acr_values_supported?: string[] };
    assert.deepEqual(discovery.acr_values_supported, [MFA_ACR]);
  });

  test("a wrong code at the code page → 401, the page again with an alert", async () => {
    const result = await authorize(issuer().url, { ...mfaLogin, otp: () => "000000" });
    assert.equal(result.kind, "page");
    assert.equal(result.kind === "page" && result.status, 401);
    assert.match(result.kind === "page" ? result.html : "", /role="alert"/);
  });

  test(`${MFA_MAX_ATTEMPTS} wrong codes at the code page → 429 too_many_attempts, even for a good code`, async () => {
    const result = await authorize(issuer().url, { ...mfaLogin, otp: () => "000000" });
    if (result.kind !== "page") assert.fail(`expected the code page, got ${result.kind}`);
    for (let attempt = 1; attempt < MFA_MAX_ATTEMPTS; attempt++) {
      const again = await result.browser.request(result.url, {
        method: "POST",
        body: new URLSearchParams({ otp: "000000" }),
      });
      assert.equal(again.status, 401);
    }
    const locked = await result.browser.request(result.url, {
      method: "POST",
      body: new URLSearchParams({ otp: otpFor(demoSecret, -1) }),
    });
    assert.equal(locked.status, 429);
    assert.match(await locked.text(), /too_many_attempts/);
  });

  test("the password then the code → ID token with amr mfa and acr; refund refreshes need no challenge", async () => {
    let codePage = "";
    const { status, body } = await login(issuer().url, {
      ...mfaLogin,
      otp: (html) => ((codePage = html), otpFor(demoSecret)),
    });
    assert.equal(status, 200, JSON.stringify(body));
    assert.match(codePage, /Verify your identity/);
    assert.deepEqual(claimsOf(body.id_token).amr, ["mfa"]);
    assert.equal(claimsOf(body.id_token).acr, MFA_ACR);

    // The refresh token remembers the MFA login, through rotation: the step-up "sticks".
    const first = await refresh(issuer().url, body.refresh_token ?? "", refundAsk);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.match(String(claimsOf(first.body.access_token).scope), /\brefund:orders\b/);
    assert.equal(claimsOf(first.body.id_token).amr, undefined, "refresh ID tokens carry no amr");
    const second = await refresh(issuer().url, first.body.refresh_token ?? "", refundAsk);
    assert.equal(second.status, 200);
  });
});

describe("acr_values multi-factor for a user already signed in", () => {
  const issuer = issuerForSuite();

  test("a signed-in user gives only the code; the new login carries amr mfa", async () => {
    const first = await authorize(issuer().url, { audience: apis.profile.audience });
    assert.equal(first.kind, "code");
    const browser = first.kind === "code" ? first.browser : undefined;
    // A wrong password would fail the sign-in: it proves the password form is not shown again.
    const { body } = await login(issuer().url, {
      ...mfaLogin,
      browser,
      password: "not-asked-for",
      otp: () => otpFor(demoSecret),
    });
    assert.deepEqual(claimsOf(body.id_token).amr, ["mfa"]);
  });
});

describe("acr_values multi-factor for a user with no authenticator (second@example.com)", () => {
  const issuer = issuerForSuite();

  test("an enrolment page (secret and otpauth URI) then the code → amr mfa", async () => {
    let uri = "";
    const { status, body } = await login(issuer().url, {
      ...mfaLogin,
      email: "second@example.com",
      password: "second-password",
      otp: (html) => {
        uri = /id="otp-uri">([^<]+)</.exec(html)?.[1] ?? "";
        return otpFor(/id="otp-secret">([A-Z2-7]+)</.exec(html)?.[1] ?? "");
      },
    });
    assert.equal(status, 200, JSON.stringify(body));
    assert.match(uri, /^otpauth:\/\/totp\//);
    assert.deepEqual(claimsOf(body.id_token).amr, ["mfa"]);
  });
});

describe("a step-up scope at sign-in needs the code, whichever way the API is named", () => {
  const issuer = issuerForSuite();

  for (const [name, named] of [
    ["audience", { audience: apis.orders.audience }],
    [
      "an RFC 8707 resource beside the sign-in audience",
      { audience: apis.profile.audience, resource: apis.orders.audience },
    ],
  ] as const) {
    test(`refund:orders for the Orders API as ${name} → the code page, no token without it`, async () => {
      const result = await authorize(issuer().url, {
        ...named,
        scope: `${refundAsk.scope} read:profile`,
      });
      assert.equal(result.kind, "page", "asked for a one-time code");
      assert.match(result.kind === "page" ? result.html : "", /One-time code/);
    });
  }
});
