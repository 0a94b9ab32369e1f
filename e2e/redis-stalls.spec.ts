import type { APIRequestContext } from "@playwright/test";
import { apis } from "@/config/apis";
import { issuerStats, statsDelta } from "@/test-support/issuer-stats";
import { OwnServers } from "@/test-support/own-servers";
import { startTestRedis, type TestRedis } from "@/test-support/redis-server";
import { localOnly, onTarget } from "@/test-support/target";
import { expect, signedInContext, test } from "./fixtures";

test.skip(onTarget, localOnly("it starts its own app, issuer and Redis, and stalls them"));

// An app in Redis mode with an issuer and a Redis of its own, each of which the tests freeze
// (SIGSTOP): a server that accepts connections and answers nothing, until it is let go.
const APP = "http://localhost:3471";
const TOKEN_TTL_SECONDS = 3;
const servers = new OwnServers(4471);
let redis: TestRedis;

/** The SDK gives up on the authorization server after 5 s; the app's probe of it after 2 s. */
const FIRST_ANSWER_WITHIN_MS = 5_000 + 2_000 + 1_500;
/** A request waits for its session's refresh at most 6 s (`lib/refresh-guard/redis-mode.ts`). */
const WAITER_ANSWER_WITHIN_MS = 6_000 + 1_500;
/** A Redis call fails after 2 s (`lib/sessions/redis-client.ts`). */
const STORE_ANSWER_WITHIN_MS = 2_000 + 1_500;
/** Long enough that a request of the old, unbounded waits fails here instead of hanging on. */
const REQUEST_TIMEOUT_MS = 30_000;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  redis = await startTestRedis();
  await servers.startIssuer([APP], {
    LOCAL_ISSUER_ACCESS_TOKEN_TTL: String(TOKEN_TTL_SECONDS),
    // A refresh the SDK gave up on may still be processed when the issuer wakes up: its
    // successor would never reach the app, and the next refresh would send the same token again.
    // A reuse interval (Auth0's setting for lost answers) lets that one through; what the app
    // must not do is send the token once per waiting request (checked below).
    LOCAL_ISSUER_REFRESH_REUSE_INTERVAL: "60",
  });
  await servers.startApp(3471, { REDIS_URL: redis.url });
});

test.afterAll(async () => {
  await servers.stop();
  await redis.dispose();
});

type Answer = { status: number; code?: string; retryAfter?: string; tookMs: number };

/** Asks the token route `times` times at once; each answer with how long it took. */
async function tokenRequestsAtOnce(request: APIRequestContext, times: number): Promise<Answer[]> {
  const started = Date.now();
  return Promise.all(
    Array.from({ length: times }, async () => {
      const response = await request.get(`${APP}/auth/access-token`, {
        timeout: REQUEST_TIMEOUT_MS,
      });
      const body = (await response.json()) as { error?: { code: string } };
      return {
        status: response.status(),
        code: body.error?.code,
        retryAfter: response.headers()["retry-after"],
        tookMs: Date.now() - started,
      };
    }),
  );
}

test("a stalled authorization server: one refresh, the waiters answer session_busy in time, and the grant survives", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const context = await signedInContext(browser, { baseURL: APP });
  const { expires_at } = (await (await context.request.get(`${APP}/auth/access-token`)).json()) as {
    expires_at: number;
  };
  await new Promise((resolve) => setTimeout(resolve, expires_at * 1000 - Date.now() + 500));
  const before = await issuerStats(servers.issuerUrl);

  servers.stallIssuer(true);
  let answers: Answer[];
  try {
    answers = await tokenRequestsAtOnce(context.request, 4);
  } finally {
    servers.stallIssuer(false);
  }
  console.log("answers with the issuer stalled:", JSON.stringify(answers));
  const [first, ...waiters] = [...answers].sort((a, b) => b.tookMs - a.tookMs);
  expect(first).toMatchObject({ status: 503, code: "authorization_server_unreachable" });
  expect(first!.tookMs).toBeLessThan(FIRST_ANSWER_WITHIN_MS);
  for (const waiter of waiters) {
    expect(waiter).toMatchObject({ status: 503, code: "session_busy", retryAfter: "1" });
    expect(waiter.tookMs).toBeLessThan(WAITER_ANSWER_WITHIN_MS);
  }

  // The issuer, let go, answers what it was sent: the one refresh. The session still works.
  await expect(async () => {
    const response = await context.request.get(`${APP}/auth/access-token`);
    expect(response.status(), await response.text()).toBe(200);
  }).toPass({ timeout: 15_000 });
  const delta = statsDelta(before, await issuerStats(servers.issuerUrl));
  console.log("issuer after it was let go:", JSON.stringify(delta));
  expect(delta.invalidGrant).toBe(0);
  expect(delta.revokedGrants).toBe(0);
  // The stalled refresh and the one after: not one per request that waited.
  expect(delta.refreshGrants[apis.profile.audience]).toBeLessThanOrEqual(2);
  await context.close();
});

test("a stalled Redis: every request answers 503 in time, and the same session works once it is back", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const context = await signedInContext(browser, { baseURL: APP });
  expect((await context.request.get(`${APP}/auth/access-token`)).status()).toBe(200);

  redis.pause();
  let answers: Answer[];
  let page: Answer;
  let prefetch: Answer;
  let browserPrefetch: Answer;
  try {
    const started = Date.now();
    const pageAnswer = (headers: Record<string, string> = {}) =>
      context.request
        .get(`${APP}/multi-api`, { headers, timeout: REQUEST_TIMEOUT_MS })
        .then((response) => ({ status: response.status(), tookMs: Date.now() - started }));
    [answers, page, prefetch, browserPrefetch] = await Promise.all([
      tokenRequestsAtOnce(context.request, 4),
      pageAnswer(),
      // A router prefetch never passes the proxy, and its answer reads no session: no wait.
      pageAnswer({ "Next-Router-Prefetch": "1", RSC: "1" }),
      // The browser's own prefetch does, and is never rolled, but the store is asked all the same.
      pageAnswer({ "Sec-Purpose": "prefetch" }),
    ]);
  } finally {
    redis.resume();
  }
  console.log(
    "answers with Redis stalled:",
    JSON.stringify({ answers, page, prefetch, browserPrefetch }),
  );
  for (const answer of answers) {
    expect(answer).toMatchObject({ status: 503, code: "session_store_unavailable" });
    expect(answer.tookMs).toBeLessThan(STORE_ANSWER_WITHIN_MS);
  }
  expect(page.status).toBe(503);
  expect(page.tookMs).toBeLessThan(STORE_ANSWER_WITHIN_MS);
  expect(prefetch.status).toBeLessThan(500);
  expect(prefetch.tookMs).toBeLessThan(STORE_ANSWER_WITHIN_MS);
  expect(browserPrefetch.status).toBe(503);
  expect(browserPrefetch.tookMs).toBeLessThan(STORE_ANSWER_WITHIN_MS);

  await expect(async () => {
    const response = await context.request.get(`${APP}/auth/access-token`);
    expect(response.status(), await response.text()).toBe(200);
  }).toPass({ timeout: 10_000 });
  await context.close();
});
