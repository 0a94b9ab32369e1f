import type { APIRequestContext } from "@playwright/test";
import { exportJWK, generateKeyPair, type JWK } from "jose";
import {
  logoutTokenClaims,
  signLogoutToken,
  startLogoutTokenCatcher,
  type LogoutTokenCatcher,
} from "@/test-support/logout-tokens";
import { OwnServers } from "@/test-support/own-servers";
import { startTestRedis, type TestRedis } from "@/test-support/redis-server";
import { localOnly, onTarget } from "@/test-support/target";
import { expect, signedInContext, test } from "./fixtures";

test.skip(onTarget, localOnly("it starts its own apps, issuer and Redis"));

// Two instances on one Redis, and an issuer whose back-channel logouts go to a catcher first
// (its first app URL), so that the test holds a real logout token and can send it, and send it
// again.
const A = "http://localhost:3481";
const B = "http://localhost:3482";
const servers = new OwnServers(4481);
let redis: TestRedis;
let catcher: LogoutTokenCatcher;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  redis = await startTestRedis();
  catcher = await startLogoutTokenCatcher(3483);
  await servers.startIssuer([catcher.url, A, B]);
  const env = { REDIS_URL: redis.url };
  await Promise.all([servers.startApp(3481, env), servers.startApp(3482, env)]);
});

test.afterAll(async () => {
  await servers.stop();
  await catcher.close();
  await redis.dispose();
});

async function sendLogoutToken(request: APIRequestContext, origin: string, token: string) {
  const response = await request.post(`${origin}/auth/backchannel-logout`, {
    form: { logout_token: token },
  });
  return { status: response.status(), body: await response.text() };
}

test("a logout token ends its session once; sent again, every instance refuses it", async ({
  browser,
}) => {
  const context = await signedInContext(browser, { baseURL: A });
  const page = await context.newPage();
  await page.goto(`${servers.issuerUrl}/oidc/logout`);
  await expect(page.getByText("You are signed out")).toBeVisible();
  const token = await catcher.next();

  expect(await sendLogoutToken(context.request, A, token)).toEqual({ status: 204, body: "" });
  const tokenRoute = await context.request.get(`${B}/auth/access-token`);
  expect(tokenRoute.status()).toBe(401);

  for (const origin of [A, B]) {
    const replay = await sendLogoutToken(context.request, origin, token);
    expect(replay.status, `replayed at ${origin}`).toBe(400);
    expect(replay.body).toContain("used before");
  }
  await context.close();
});

test("a logout token that is malformed or not valid answers 400, never a 500", async ({
  request,
}) => {
  const claims = (overrides: Parameters<typeof logoutTokenClaims>[1]) =>
    logoutTokenClaims(servers.issuerUrl, overrides);
  const signed = (overrides: Parameters<typeof logoutTokenClaims>[1]) =>
    signLogoutToken(servers.stateDir, claims(overrides));
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const stranger: JWK & { kid: string } = { ...(await exportJWK(privateKey)), kid: "stranger" };
  const valid = await signed({});
  const unsigned = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${valid.split(".")[1]}.`;
  const now = Math.floor(Date.now() / 1000);

  const cases: [string, string][] = [
    ["not a JWT", "not-a-jwt"],
    ["a signature that does not match", `${valid.slice(0, -6)}AAAAAA`],
    ["alg none", unsigned],
    [
      "signed with a key the issuer never published",
      await signLogoutToken(servers.stateDir, claims({}), { key: stranger }),
    ],
    ["expired", await signed({ iat: now - 600, exp: now - 300 })],
    ["for another client", await signed({ aud: "another-client" })],
    ["from another issuer", await signed({ iss: "https://issuer.example.com/" })],
    ["without jti", await signed({ jti: undefined })],
    ["without the logout event", await signed({ events: {} })],
    ["with a nonce", await signed({ nonce: "n" })],
    ["with a sid that is no string", await signed({ sid: 42 })],
  ];
  const answers: string[] = [];
  for (const [name, token] of cases) {
    const { status, body } = await sendLogoutToken(request, A, token);
    answers.push(`${name}: ${status} ${body}`);
    expect(body, name).not.toMatch(/\bat \S+:\d+/);
  }
  console.log(answers.join("\n"));
  expect(answers.filter((answer) => !/: 400 /.test(answer))).toEqual([]);
  // And the route still takes a good token after them all.
  expect((await sendLogoutToken(request, B, valid)).status).toBe(204);
});
