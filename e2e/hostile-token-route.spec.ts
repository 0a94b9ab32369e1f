import type { APIResponse, BrowserContext } from "@playwright/test";
import { apis } from "@/config/apis";
import { demoUser, expect, signedInContext, test } from "@/e2e/fixtures";
import {
  decryptSession,
  encryptSession,
  flipCiphertextBit,
  forgedHeaderJwe,
  garbage,
  sessionCookieValue,
} from "@/test-support/forge";
import {
  expectNoInternals,
  expectTokenRouteRefusal,
  sameOrigin,
  sessionSetCookies,
} from "@/test-support/refusals";
import { appEnv, issuerUrl } from "@/test-support/servers";
import { localOnly, onTarget } from "@/test-support/target";

// Hostile requests to the SDK's routes under /auth (the token route and the sign-in callback),
// which proxy.ts guards: each is refused with its exact status and code, no 5xx and no stack
// trace, and a refused request never writes the session. The tests run in order, one worker
// (playwright.config.ts); after a failure the next worker signs in again in beforeAll.

const TOKEN_ROUTE = "/auth/access-token";
const profile = apis.profile.audience;
const orders = apis.orders.audience;

let context: BrowserContext;
/** The signed-in session's cookie before the refused requests: they must leave it as it is. */
let sessionBefore: string;

test.beforeAll(async ({ browser }) => {
  context = await signedInContext(browser);
  sessionBefore = sessionCookieValue(await context.cookies());
});

test.afterAll(async () => {
  await context.close();
});

const query = (pairs: [string, string][]) => new URLSearchParams(pairs).toString();

/** Asks the token route with the signed-in session, as the app's own page would. */
const askSignedIn = (search: string, headers: Record<string, string> = sameOrigin) =>
  context.request.get(`${TOKEN_ROUTE}?${search}`, { headers });

test.describe("a signed-in token request the app never sends is refused, the session untouched", () => {
  const audienceCases: [string, string][] = [
    ["an empty audience (alone, the SDK answered it with a 500)", query([["audience", ""]])],
    [
      "audience given twice",
      query([
        ["audience", profile],
        ["audience", orders],
      ]),
    ],
    ["an audience no API of this app has", query([["audience", "https://evil.example.com"]])],
    ["a 10 KB audience", query([["audience", `${profile}/${"a".repeat(10 * 1024)}`]])],
    [
      "a look-alike audience with a non-ASCII letter",
      query([["audience", "ｈttps://profile-api.example.com"]]),
    ],
    [
      "an audience carrying CR/LF and a header",
      query([["audience", `${profile}\r\nSet-Cookie: injected=1`]]),
    ],
  ];
  for (const [what, search] of audienceCases) {
    test(`400 invalid_audience for ${what}`, async () => {
      await expectTokenRouteRefusal(await askSignedIn(search), 400, "invalid_audience");
    });
  }

  const scopeCases: [string, string][] = [
    ["an empty scope", query([["scope", ""]])],
    [
      "a 5.5 KB scope (it would grow the cookie past every header limit)",
      query([["scope", Array(500).fill("read:profile").join(" ")]]),
    ],
    [
      "scope given twice",
      query([
        ["scope", "read:profile"],
        ["scope", "read:profile"],
      ]),
    ],
    ["a look-alike scope with a non-ASCII letter", query([["scope", "read:prοfile"]])],
    [
      "a scope carrying CR/LF and a header",
      query([["scope", "read:profile\r\nSet-Cookie: injected=1"]]),
    ],
    [
      "the Orders API's scope asked of the Profile API",
      query([
        ["audience", profile],
        ["scope", "read:orders"],
      ]),
    ],
    [
      "a scope no API defines",
      query([
        ["audience", orders],
        ["scope", "admin:everything"],
      ]),
    ],
  ];
  for (const [what, search] of scopeCases) {
    test(`400 invalid_scope for ${what}`, async () => {
      await expectTokenRouteRefusal(await askSignedIn(search), 400, "invalid_scope");
    });
  }

  for (const site of ["cross-site", "same-site"]) {
    test(`403 cross_site_request for Sec-Fetch-Site: ${site}: only the app's own pages may ask`, async () => {
      const response = await askSignedIn(query([["audience", orders]]), {
        "Sec-Fetch-Site": site,
      });
      await expectTokenRouteRefusal(response, 403, "cross_site_request");
    });
  }

  // Without Sec-Fetch-Site (older browsers), Origin and then Referer say where a request came from.
  for (const [what, headers] of [
    ["Origin", { Origin: "https://attacker.example" }],
    ["Referer", { Referer: "https://attacker.example/page" }],
  ] as const) {
    test(`403 cross_site_request for another site's ${what} without Sec-Fetch-Site`, async () => {
      const response = await askSignedIn(query([["audience", orders]]), headers);
      await expectTokenRouteRefusal(response, 403, "cross_site_request");
    });
  }

  // A parameter the app's pages never send could make the SDK pick a token the refresh guard's
  // freshness check did not consider (mergeScopes=false): refused before the SDK sees it.
  for (const [what, search] of [
    [
      "mergeScopes=false",
      query([
        ["audience", orders],
        ["mergeScopes", "false"],
      ]),
    ],
    [
      "an unknown parameter",
      query([
        ["audience", orders],
        ["refresh", "true"],
      ]),
    ],
  ]) {
    test(`400 invalid_request for ${what}`, async () => {
      await expectTokenRouteRefusal(await askSignedIn(search!), 400, "invalid_request");
    });
  }

  for (const method of ["POST", "PUT", "DELETE", "PATCH"]) {
    test(`405 method_not_allowed with Allow: GET for ${method}`, async () => {
      const response = await context.request.fetch(TOKEN_ROUTE, {
        method,
        headers: { ...sameOrigin, "Content-Type": "application/json" },
        data: { audience: profile },
      });
      await expectTokenRouteRefusal(response, 405, "method_not_allowed");
      expect(response.headers()["allow"]).toBe("GET");
    });
  }

  test("after all these refusals the session cookie is byte-for-byte what it was", async () => {
    const after = sessionCookieValue(await context.cookies());
    expect(sessionBefore.length).toBeGreaterThan(0);
    expect(after.length).toBe(sessionBefore.length);
    expect(after).toBe(sessionBefore);
  });
});

/** Expects the answer to clear the session cookie: `__session=` with an expiry in 1970. */
function expectSessionCleared(response: APIResponse, name = "__session") {
  expect(sessionSetCookies(response)).toContainEqual(
    expect.stringMatching(new RegExp(`^${name}=;.*Expires=Thu, 01 Jan 1970 00:00:00 GMT`)),
  );
}

/** Expects a page answered 200 and signed out: a Sign in link, no user name. */
async function expectSignedOutPage(response: APIResponse) {
  const html = await response.text();
  expect(response.status(), html.slice(0, 500)).toBe(200);
  expectNoInternals(html);
  expect(html).toContain('href="/auth/login');
  expect(html).not.toContain('data-testid="user-name"');
}

test.describe("a broken or forged session cookie reads as signed out", () => {
  test("401 missing_session without any cookie", async ({ request }) => {
    const response = await request.get(TOKEN_ROUTE, { headers: sameOrigin });
    await expectTokenRouteRefusal(response, 401, "missing_session");
  });

  /** What to do to the cookie, how, and why it cannot run against a target (when it cannot). */
  const brokenCookies: [string, () => Promise<string>, string?][] = [
    ["truncated", async () => sessionBefore.slice(0, Math.floor(sessionBefore.length / 2))],
    ["with one bit of its ciphertext flipped", async () => flipCiphertextBit(sessionBefore)],
    [
      "re-encrypted with another secret",
      async () =>
        encryptSession(
          await decryptSession(sessionBefore),
          "an-attackers-own-cookie-secret-0123456789abcdef",
        ),
      "it decrypts the session with the app's AUTH0_SECRET, the suite's own",
    ],
    ["of 8 KB of garbage", async () => garbage(8 * 1024)],
  ];
  for (const [what, make, localReason] of brokenCookies) {
    test(`401 missing_session for the real session cookie ${what}`, async ({ request }) => {
      test.skip(onTarget && localReason !== undefined, localOnly(localReason ?? ""));
      const response = await request.get(TOKEN_ROUTE, {
        headers: { ...sameOrigin, Cookie: `__session=${await make()}` },
      });
      await expectTokenRouteRefusal(response, 401, "missing_session", { touchesSession: true });
      // Clearing the unreadable cookie is fine; writing a session into it is not.
      for (const cookie of sessionSetCookies(response)) expect(cookie).toMatch(/^__session=;/);
    });
  }

  const forgedHeaders: [string, Record<string, unknown>][] = [
    ["alg RSA-OAEP", { alg: "RSA-OAEP", enc: "A256GCM" }],
    [
      "alg PBES2-HS256+A128KW",
      { alg: "PBES2-HS256+A128KW", enc: "A256GCM", p2c: 1e9, p2s: "c2FsdA" },
    ],
    ["alg ECDH-ES", { alg: "ECDH-ES", enc: "A256GCM", epk: { kty: "EC", crv: "P-256" } }],
    ["a crit member", { alg: "dir", enc: "A256GCM", crit: ["exp"], exp: 1 }],
    ["zip", { alg: "dir", enc: "A256GCM", zip: "DEF" }],
  ];
  for (const [what, header] of forgedHeaders) {
    const cookie = `__session=${forgedHeaderJwe(header)}`;

    test(`a JWE header with ${what}: 401 missing_session and the cookie cleared`, async ({
      request,
    }) => {
      const response = await request.get(TOKEN_ROUTE, {
        headers: { ...sameOrigin, Cookie: cookie },
      });
      await expectTokenRouteRefusal(response, 401, "missing_session", { touchesSession: true });
      expectSessionCleared(response);
    });

    test(`a JWE header with ${what}: the home page renders signed out, not a 500`, async ({
      request,
    }) => {
      await expectSignedOutPage(await request.get("/", { headers: { Cookie: cookie } }));
    });
  }

  test("a forged first chunk drops the whole chunked session: 401 and both chunks cleared", async ({
    request,
  }) => {
    const first = forgedHeaderJwe({ alg: "ECDH-ES", enc: "A256GCM" });
    const response = await request.get(TOKEN_ROUTE, {
      headers: { ...sameOrigin, Cookie: `__session__0=${first}; __session__1=${garbage(2000)}` },
    });
    await expectTokenRouteRefusal(response, 401, "missing_session", { touchesSession: true });
    expectSessionCleared(response, "__session__0");
    expectSessionCleared(response, "__session__1");
  });

  test("control: the same session re-encrypted with the app's secret is read as signed in", async ({
    request,
  }) => {
    test.skip(onTarget, localOnly("it needs the app's AUTH0_SECRET, the suite's own"));
    // Shows that the forged cookies above differ from a good one only in what each test names.
    const session = await decryptSession(sessionBefore);
    const cookie = await encryptSession(session, appEnv.AUTH0_SECRET);
    const html = await (
      await request.get("/", { headers: { Cookie: `__session=${cookie}` } })
    ).text();
    expect(html).toContain('data-testid="user-name"');
    expect(html).toContain(demoUser.name);
  });
});

/** Follows a callback link and expects the app's error page for `reason`, rendered 200. */
async function expectSignInErrorPage(response: APIResponse, reason: string) {
  const html = await response.text();
  expect(response.status(), html.slice(0, 300)).toBe(200);
  expectNoInternals(html);
  const landed = new URL(response.url());
  expect(landed.pathname).toBe("/sign-in-error");
  expect(landed.searchParams.get("reason")).toBe(reason);
  expect(html).toMatch(new RegExp(`data-testid="sign-in-error-reason"[^>]*>${reason}<`));
  return html;
}

test.describe("a callback that no sign-in of this browser started lands on the error page", () => {
  test("no state: /sign-in-error?reason=invalid_state, not a plain-text 500", async ({
    request,
  }) => {
    const html = await expectSignInErrorPage(
      await request.get("/auth/callback?code=abc"),
      "invalid_state",
    );
    expect(html, "not a configuration problem").not.toContain("sign-in-error-check");
  });

  test("a forged state: /sign-in-error?reason=invalid_state", async ({ request }) => {
    const response = await request.get("/auth/callback?code=abc&state=forged");
    await expectSignInErrorPage(response, "invalid_state");
  });

  test("an error with a forged state is still invalid_state: the state is checked first", async ({
    request,
  }) => {
    const response = await request.get("/auth/callback?error=access_denied&state=forged");
    await expectSignInErrorPage(response, "invalid_state");
  });

  test("a refusal for a sign-in this browser started shows its code, never its free text", async ({
    request,
  }) => {
    test.skip(onTarget, localOnly("the error it fakes names the local issuer in iss"));
    const login = await request.get("/auth/login", { maxRedirects: 0 });
    expect(login.status()).toBeGreaterThanOrEqual(300);
    expect(login.status()).toBeLessThan(400);
    const state = new URL(login.headers()["location"] ?? "").searchParams.get("state") ?? "";
    expect(state).not.toBe("");
    const search = query([
      ["error", "access_denied"],
      ["error_description", "Call +1 555 0100 to unlock your account"],
      ["state", state],
      // RFC 9207: the authorization server names itself in every answer, errors included.
      ["iss", `${issuerUrl}/`],
    ]);
    const html = await expectSignInErrorPage(
      await request.get(`/auth/callback?${search}`),
      "authorization_error",
    );
    expect(html).toMatch(/data-testid="sign-in-error-code"[^>]*>access_denied</);
    expect(html).toMatch(/data-testid="sign-in-error-check"[\s\S]*npm run auth0:check/);
    expect(html).not.toContain("555 0100");
  });
});

test("afterwards the server is healthy and the signed-in token route answers 200, no-store", async ({
  request,
}) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ ok: true });
  // Twice: the second answer comes from the session's cache, which the SDK alone leaves cacheable.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const response = await askSignedIn(query([["audience", profile]]));
    expect(response.status(), await response.text()).toBe(200);
    expect(response.headers()["cache-control"]).toBe("no-store");
    expect(await response.json()).toMatchObject({ token: expect.any(String) });
  }
});
