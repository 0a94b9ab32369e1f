import type { APIRequestContext, Browser, BrowserContext } from "@playwright/test";
import { decodeJwt } from "jose";
import { apis } from "@/config/apis";
import { startTestRedis, type TestRedis } from "@/test-support/redis-server";
import { demoUser, expect, secondUser, signedInContext, test } from "./fixtures";
import { issuerStats, statsDelta } from "@/test-support/issuer-stats";
import { OwnServers } from "@/test-support/own-servers";
import { tokenAsks } from "@/test-support/token-asks";
import { localOnly, onTarget } from "@/test-support/target";

test.skip(onTarget, localOnly("it starts its own apps, issuer and Redis"));

// Two instances of the app on one Redis (REDIS_URL), with an issuer of their own whose first
// app, instance A, receives the back-channel logouts.
const A = "http://localhost:3431";
const B = "http://localhost:3432";
const TOKEN_TTL_SECONDS = 6;
const servers = new OwnServers(4431);
let redis: TestRedis;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  redis = await startTestRedis();
  await servers.startIssuer([A, B], { LOCAL_ISSUER_ACCESS_TOKEN_TTL: String(TOKEN_TTL_SECONDS) });
  const env = { REDIS_URL: redis.url };
  await Promise.all([servers.startApp(3431, env), servers.startApp(3432, env)]);
});

test.afterAll(async () => {
  await servers.stop();
  await redis.dispose();
});

type TokenAnswer = { token: string; expires_at: number };

async function token(
  request: APIRequestContext,
  origin: string,
  query: Record<string, string> = {},
): Promise<TokenAnswer> {
  const response = await request.get(`${origin}/auth/access-token`, { params: query });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as TokenAnswer;
}

async function tokenRouteCode(context: BrowserContext, origin: string) {
  const response = await context.request.get(`${origin}/auth/access-token`);
  return {
    status: response.status(),
    body: (await response.json()) as { error?: { code: string } },
  };
}

const sessionCookie = async (context: BrowserContext) =>
  (await context.cookies(A)).find((cookie) => cookie.name === "__session");

const orders = { audience: apis.orders.audience };

test("a session signed in on one instance works on the other, and a refresh is seen by both", async ({
  browser,
}) => {
  test.setTimeout(60_000);
  const context = await signedInContext(browser, { baseURL: A });
  const { request } = context;

  const fromA = await token(request, A, orders);
  const before = await issuerStats(servers.issuerUrl);
  const fromB = await token(request, B, orders);
  expect(fromB.token).toBe(fromA.token);

  // Past the token's expiry, instance B refreshes it ...
  await new Promise((resolve) => setTimeout(resolve, fromA.expires_at * 1000 - Date.now() + 500));
  const refreshed = await token(request, B, orders);
  expect(refreshed.token).not.toBe(fromA.token);
  // ... and instance A answers with B's token, without a refresh of its own.
  const seenByA = await token(request, A, orders);
  expect(seenByA.token).toBe(refreshed.token);
  const delta = statsDelta(before, await issuerStats(servers.issuerUrl));
  expect(delta.refreshGrants[apis.orders.audience]).toBe(1);
  expect(delta.invalidGrant).toBe(0);
  await context.close();
});

test("two users on two instances each get their own tokens, never the other's", async ({
  browser,
}) => {
  const contexts = await Promise.all(
    [demoUser, secondUser].map((user, i) => signedInContext(browser, { baseURL: [A, B][i], user })),
  );
  const subjects = await Promise.all(
    contexts.flatMap((context) =>
      [A, B].map(
        async (origin) => decodeJwt((await token(context.request, origin, orders)).token).sub,
      ),
    ),
  );
  expect(subjects[0]).toBe(subjects[1]);
  expect(subjects[2]).toBe(subjects[3]);
  expect(subjects[0]).not.toBe(subjects[2]);
  await Promise.all(contexts.map((context) => context.close()));
});

test("the cookie holds only the session's id: the same size with one token or four, for three APIs", async ({
  browser,
}) => {
  const context = await signedInContext(browser, { baseURL: A });
  const sizes: number[] = [];
  for (const ask of tokenAsks) {
    await token(context.request, B, ask);
    // Each new token writes the session; the cookie, sent anew, still holds only its id.
    await context.request.get(`${A}/`);
    sizes.push((await sessionCookie(context))?.value.length ?? 0);
  }
  console.log("session cookie bytes after each ask (1, 2, 3, 4, 4, 4 tokens):", sizes.join(", "));
  expect(new Set(sizes).size).toBe(1);
  expect(sizes[0]).toBeGreaterThan(0);
  expect(sizes[0]).toBeLessThan(400);
  await context.close();
});

/** Signs in on A, and returns the session cookie as it was, to replay after a sign-out. */
async function signedInWithCopy(browser: Browser) {
  const context = await signedInContext(browser, { baseURL: A });
  await token(context.request, B);
  const copy = await browser.newContext();
  await copy.addCookies(await context.cookies());
  return { context, copy };
}

test("signing out on one instance ends the session on both, even for a copy of the cookie", async ({
  browser,
}) => {
  const { context, copy } = await signedInWithCopy(browser);
  const page = await context.newPage();
  await page.goto(`${A}/auth/logout`);
  await page.waitForURL(`${A}/`);

  for (const origin of [A, B]) {
    expect(await tokenRouteCode(copy, origin)).toEqual({
      status: 401,
      body: { error: expect.objectContaining({ code: "missing_session" }) },
    });
  }
  await Promise.all([context.close(), copy.close()]);
});

test("signing out at the authorization server ends the session on every instance (back-channel)", async ({
  browser,
}) => {
  const { context, copy } = await signedInWithCopy(browser);
  const page = await context.newPage();
  // Not the app's sign-out: the issuer's own page, as another app of the same user would send.
  await page.goto(`${servers.issuerUrl}/oidc/logout`);
  await expect(page.getByText("You are signed out")).toBeVisible();

  for (const origin of [A, B]) {
    for (const each of [context, copy]) {
      expect((await tokenRouteCode(each, origin)).body.error?.code).toBe("missing_session");
    }
  }
  await page.goto(`${B}/`);
  await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
  await Promise.all([context.close(), copy.close()]);
});

test("with Redis down, pages and the token route answer 503 naming it; once back, the session works", async ({
  browser,
}) => {
  test.setTimeout(60_000);
  const context = await signedInContext(browser, { baseURL: A });
  const before = await token(context.request, B, orders);
  await redis.stop({ keepData: true });
  try {
    const page = await context.newPage();
    const answer = await page.goto(`${A}/multi-api`);
    expect(answer?.status()).toBe(503);
    await expect(page.getByRole("heading", { name: "Sessions are unavailable" })).toBeVisible();

    const response = await context.request.get(`${B}/auth/access-token`);
    expect(response.status()).toBe(503);
    expect(response.headers()["retry-after"]).toBe("5");
    expect(await response.json()).toMatchObject({ error: { code: "session_store_unavailable" } });
    // No crash: the instance still serves what needs no session.
    expect((await context.request.get(`${A}/api/health`)).status()).toBe(200);
  } finally {
    await redis.start();
  }
  // Back, with the same session (refreshed if its token expired meanwhile): the client
  // reconnected in the background.
  await expect(async () => {
    const after = await token(context.request, A, orders);
    expect(decodeJwt(after.token).sub).toBe(decodeJwt(before.token).sub);
  }).toPass({ timeout: 10_000 });
  await context.close();
});
