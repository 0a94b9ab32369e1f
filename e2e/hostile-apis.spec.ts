import { readFileSync, existsSync } from "node:fs";
import type { BrowserContext } from "@playwright/test";
import { apis } from "@/config/apis";
import { localClient } from "@/config/local-client";
import { demoUser, expect, secondUser, signedInContext, test } from "@/e2e/fixtures";
import {
  foreignRsaKey,
  issuerSigningKey,
  signToken,
  signRawPayload,
  signWithPublicKeyAsHmac,
  tokenClaims,
  unsignedToken,
} from "@/test-support/forge";
import { rawRequest } from "@/test-support/raw-request";
import {
  expectApiRefusal,
  expectNoInternals,
  sameOrigin,
  tokenFromRoute,
} from "@/test-support/refusals";
import { issuerEnv } from "@/test-support/servers";
import { ordersFor } from "@/lib/demo-apis/data/orders";
import { localOnly, onTarget } from "@/test-support/target";

test.skip(
  onTarget,
  localOnly("it forges tokens with the local issuer's signing key and signs in two demo users"),
);

// Hostile requests to what the app serves without a session: the bearer-only demo APIs (only
// the property under test is wrong in each token: the others are signed with the issuer's real
// key) and the source viewer. Each is refused with its exact status and code, never a 5xx or a
// stack trace, and a refused change leaves the profile as it was. The tests run in order, one
// worker (playwright.config.ts); after a failure the next worker signs in again in beforeAll.

const PROFILE = "/api/profile/me";
const ORDERS = "/api/orders";
const now = () => Math.floor(Date.now() / 1000);

let demo: BrowserContext;
let second: BrowserContext;

test.beforeAll(async ({ browser }) => {
  demo = await signedInContext(browser);
  second = await signedInContext(browser, { user: secondUser });
});

test.afterAll(async () => {
  await Promise.all([demo.close(), second.close()]);
});

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const get = (path: string, headers: Record<string, string> = {}) =>
  demo.request.get(path, { headers });
const profileClaims = (scope = "openid read:profile write:profile") =>
  tokenClaims({ sub: demoUser.id, audience: apis.profile.audience, scope });

test.describe("the demo APIs refuse a missing, malformed or forged bearer token", () => {
  for (const api of [apis.profile, apis.orders]) {
    test(`no Authorization: 401 missing_token, a bare challenge of realm "${api.name}"`, async () => {
      const response = await get(api === apis.profile ? PROFILE : ORDERS);
      const body = await expectApiRefusal(response, 401, "missing_token", {
        challenge: `Bearer realm="${api.name}"`,
      });
      expect(body).not.toHaveProperty("reason");
    });
  }

  test("a Basic credential: 401 missing_token with the bare challenge", async () => {
    const response = await get(PROFILE, { Authorization: "Basic ZGVtbzpkZW1vLXBhc3N3b3Jk" });
    await expectApiRefusal(response, 401, "missing_token", {
      challenge: 'Bearer realm="Profile API"',
    });
  });

  const malformedHeaders: [string, () => Promise<string>][] = [
    [
      "two tokens in one header, as a proxy merges duplicates",
      async () =>
        `Bearer ${await tokenFromRoute(demo.request, apis.profile.audience)}, Bearer ${await signToken(profileClaims())}`,
    ],
    ['"Bearer" with no token', async () => "Bearer"],
    ["a quoted token", async () => `Bearer "${await signToken(profileClaims())}"`],
  ];
  for (const [what, header] of malformedHeaders) {
    test(`${what}: 400 invalid_request`, async () => {
      const response = await get(PROFILE, { Authorization: await header() });
      await expectApiRefusal(response, 400, "invalid_request", {
        challenge: /^Bearer realm="Profile API", error="invalid_request"/,
      });
    });
  }

  const invalidTokens: [string, string, () => Promise<string>][] = [
    ["a string that is no JWT", "malformed", async () => "not-a-jwt"],
    [
      "a correctly signed JWT whose payload is not JSON",
      "malformed",
      () => signRawPayload("not a claims set"),
    ],
    ['alg "none" and no signature', "unsupported_alg", async () => unsignedToken(profileClaims())],
    [
      "HS256 keyed with the issuer's public key (the classic forgery)",
      "unsupported_alg",
      () => signWithPublicKeyAsHmac(profileClaims()),
    ],
    [
      "a kid the issuer does not publish",
      "unknown_key",
      () => signToken(profileClaims(), { kid: "forged-kid" }),
    ],
    [
      "a foreign RSA key under the issuer's kid",
      "bad_signature",
      () => signToken(profileClaims(), { key: foreignRsaKey() }),
    ],
    [
      "a real signature over a payload whose sub was swapped to another user",
      "bad_signature",
      async () => {
        const [header, , signature] = (await signToken(profileClaims())).split(".");
        const payload = { ...profileClaims(), sub: secondUser.id };
        return `${header}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.${signature}`;
      },
    ],
    [
      "an exp a minute ago",
      "expired",
      () => signToken({ ...profileClaims(), iat: now() - 120, exp: now() - 60 }),
    ],
    [
      "an nbf a minute ahead",
      "not_yet_valid",
      () => signToken({ ...profileClaims(), nbf: now() + 60 }),
    ],
    [
      "another issuer",
      "wrong_issuer",
      () => signToken({ ...profileClaims(), iss: "https://evil.example.com/" }),
    ],
    [
      "the Orders API's audience",
      "wrong_audience",
      () =>
        signToken(
          tokenClaims({ sub: demoUser.id, audience: apis.orders.audience, scope: "read:profile" }),
        ),
    ],
  ];
  for (const [what, reason, make] of invalidTokens) {
    test(`${what}: 401 invalid_token, reason ${reason}`, async () => {
      const response = await get(PROFILE, bearer(await make()));
      await expectApiRefusal(response, 401, "invalid_token", {
        details: { reason },
        challenge: /^Bearer realm="Profile API", error="invalid_token", error_description="/,
      });
    });
  }

  test("a real Profile API token at the Orders API: 401 wrong_audience naming both", async () => {
    const token = await tokenFromRoute(demo.request, apis.profile.audience);
    const response = await get(ORDERS, bearer(token));
    await expectApiRefusal(response, 401, "invalid_token", {
      details: {
        reason: "wrong_audience",
        expected_audience: apis.orders.audience,
        received_audience: expect.arrayContaining([apis.profile.audience]),
      },
    });
  });

  const missingScopes: [string, string, string, string][] = [
    ["GET", PROFILE, "openid write:profile", "read:profile"],
    ["GET", ORDERS, "openid write:orders", "read:orders"],
  ];
  for (const [method, path, granted, needed] of missingScopes) {
    test(`${method} ${path} without ${needed}: 403 insufficient_scope naming it`, async () => {
      const audience = path === PROFILE ? apis.profile.audience : apis.orders.audience;
      const token = await signToken(tokenClaims({ sub: demoUser.id, audience, scope: granted }));
      const response = await get(path, bearer(token));
      await expectApiRefusal(response, 403, "insufficient_scope", {
        details: { scope: needed, granted_scope: granted },
        challenge: new RegExp(`error="insufficient_scope".*scope="${needed}"`),
      });
    });
  }

  test("control: a token forged right in every property is accepted (200)", async () => {
    const response = await get(PROFILE, bearer(await signToken(profileClaims())));
    expect(response.status()).toBe(200);
    expect(await response.json()).toMatchObject({ sub: demoUser.id, token: { sub: demoUser.id } });
  });

  test("another user's real token answers with that user's profile only", async () => {
    const token = await tokenFromRoute(second.request, apis.profile.audience);
    const response = await get(PROFILE, bearer(token));
    expect(response.status()).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      sub: secondUser.id,
      email: secondUser.email,
      token: { sub: secondUser.id },
    });
    expect(JSON.stringify(body)).not.toContain(demoUser.id);
    expect(JSON.stringify(body)).not.toContain(demoUser.email);
  });

  test("another user's real Orders token answers with that user's orders only", async () => {
    const token = await tokenFromRoute(second.request, apis.orders.audience);
    const response = await get(ORDERS, bearer(token));
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { orders: unknown; token: { sub: string } };
    expect(body.token.sub).toBe(secondUser.id);
    expect(body.orders).toEqual(ordersFor(secondUser.id));
    expect(body.orders).not.toEqual(ordersFor(demoUser.id));
  });
});

/** The demo user's profile as the API stores it, read with a real token. */
async function storedProfile(): Promise<Record<string, unknown>> {
  const token = await tokenFromRoute(demo.request, apis.profile.audience, "write:profile");
  const response = await get(PROFILE, bearer(token));
  expect(response.status()).toBe(200);
  // The stored fields only: `token` echoes the request's token, which differs on every call.
  const profile = (await response.json()) as Record<string, unknown>;
  delete profile.token;
  return profile;
}

test.describe("PATCH /api/profile/me refuses a bad body naming the field, and changes nothing", () => {
  const json = (value: unknown) => Buffer.from(JSON.stringify(value));
  const bodies: [string, string, Buffer, string?][] = [
    ["a body that is not JSON", "body", Buffer.from('{"name": "Ada"')],
    [
      "invalid UTF-8",
      "body",
      Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]),
    ],
    ["a 5 KB body (over the 4 KB limit)", "body", json({ bio: "x".repeat(5 * 1024) })],
    ["an unknown field", "role", json({ name: "Ada", role: "admin" })],
    [
      "a sub in the body (trying to pick the user)",
      "sub",
      json({ sub: secondUser.id, name: "Mallory" }),
    ],
    ["Content-Type text/plain", "body", json({ name: "Ada" }), "text/plain"],
    ["a JSON array", "body", json([{ name: "Ada" }])],
    ["a colour outside the list", "favouriteColour", json({ favouriteColour: "#ff0000" })],
    ["a name of 81 characters", "name", json({ name: "x".repeat(81) })],
    ["an empty object", "body", json({})],
    ["an empty body", "body", Buffer.alloc(0)],
  ];
  for (const [what, field, data, contentType = "application/json"] of bodies) {
    test(`${what}: 400 invalid_body naming ${field}`, async () => {
      const before = await storedProfile();
      const token = await tokenFromRoute(demo.request, apis.profile.audience, "write:profile");
      const response = await demo.request.patch(PROFILE, {
        headers: { ...bearer(token), "Content-Type": contentType },
        data,
      });
      await expectApiRefusal(response, 400, "invalid_body", { details: { field } });
      expect(await storedProfile()).toEqual(before);
    });
  }

  test("a 5 KB body sent in chunks without Content-Length: 400 invalid_body", async () => {
    const before = await storedProfile();
    const token = await tokenFromRoute(demo.request, apis.profile.audience, "write:profile");
    const chunk = Buffer.from(`{"bio":"${"x".repeat(1024)}`);
    const answer = await rawRequest(PROFILE, {
      method: "PATCH",
      headers: { ...bearer(token), "Content-Type": "application/json" },
      chunks: [chunk, ...Array.from({ length: 4 }, () => Buffer.from("x".repeat(1024)))],
    });
    expect(answer.status, answer.body).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ error: "invalid_body", field: "body" });
    expectNoInternals(answer.body);
    expect(await storedProfile()).toEqual(before);
  });

  test("a read-only token: 403 insufficient_scope for write:profile", async () => {
    const before = await storedProfile();
    const token = await signToken(profileClaims("openid read:profile"));
    const response = await demo.request.patch(PROFILE, {
      headers: { ...bearer(token), "Content-Type": "application/json" },
      data: { name: "Mallory" },
    });
    await expectApiRefusal(response, 403, "insufficient_scope", {
      challenge: /scope="write:profile"/,
    });
    expect(await storedProfile()).toEqual(before);
  });
});

/** Short lines of a file as they would show in a page, to prove the page does not show it. */
function linesOf(file: string): string[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => /^[\w .:=/@|-]{12,}$/.test(line))
    .slice(0, 20);
}

test.describe("the source viewer shows project source only, never secrets or other files", () => {
  // Read when a test runs: the issuer writes its key file when it starts.
  const secrets = () => [
    localClient.clientSecret,
    localClient.cookieSecret,
    issuerSigningKey().d ?? "no private key",
  ];
  const refused: [string, string, string][] = [
    ["a traversal with encoded slashes", "/source/..%2F..%2Fetc%2Fpasswd", "/etc/passwd"],
    ["a traversal with encoded dots", "/source/%2e%2e/package.json", "package.json"],
    [
      "a traversal out of a showable folder",
      "/source/lib/..%2F..%2F..%2Fetc%2Fpasswd",
      "/etc/passwd",
    ],
    ["an absolute path", "/source/%2Fetc%2Fpasswd", "/etc/passwd"],
    ["a showable prefix that .. leaves", "/source/lib/..%2F.env.local", ".env.local"],
    [".env.local", "/source/.env.local", ".env.local"],
    [".env.example", "/source/.env.example", ".env.example"],
    [
      "a file in node_modules",
      "/source/node_modules/jose/package.json",
      "node_modules/jose/package.json",
    ],
    [
      "the issuer's private signing key",
      `/source/${issuerEnv.LOCAL_ISSUER_STATE_DIR}/keys.json`,
      `${issuerEnv.LOCAL_ISSUER_STATE_DIR}/keys.json`,
    ],
    [
      "config/local-client.ts (the local client secret)",
      "/source/config/local-client.ts",
      "config/local-client.ts",
    ],
  ];
  for (const [what, target, file] of refused) {
    test(`${what}: 404, the file not shown`, async () => {
      const answer = await rawRequest(target);
      expect(answer.status).toBe(404);
      // The 404 page names the path it was asked for, whole and in segments.
      expectNoInternals(answer.body, { echoed: [file, ...file.split("/")] });
      for (const text of [...secrets(), ...linesOf(file)]) expect(answer.body).not.toContain(text);
    });
  }

  test("lib/env/server-env.ts, which reads the secrets, is shown without any of them", async () => {
    const answer = await rawRequest("/source/lib/env/server-env.ts");
    expect(answer.status).toBe(200);
    expect(answer.body).toContain("export function parseEnv");
    for (const text of secrets()) expect(answer.body).not.toContain(text);
  });

  test("control: a project source file is shown (200)", async () => {
    const answer = await rawRequest("/source/proxy.ts");
    expect(answer.status).toBe(200);
    expect(answer.body).toContain("export async function proxy(request: NextRequest)");
  });
});

test("afterwards the server is healthy and a signed-in token request answers 200", async () => {
  expect((await demo.request.get("/api/health")).status()).toBe(200);
  const response = await demo.request.get("/auth/access-token", { headers: sameOrigin });
  expect(response.status()).toBe(200);
});
