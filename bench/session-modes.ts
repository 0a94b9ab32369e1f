import { setTimeout as sleep } from "node:timers/promises";
import type { Browser, BrowserContext } from "@playwright/test";
import { signedInContext } from "@/e2e/fixtures";
import { issuerStats, statsDelta } from "@/e2e/support/issuer-stats";
import { tokenAsks } from "@/e2e/support/token-asks";
import { sessionCookieSize } from "./browser";
import { appUrl, issuerUrl, redisAppUrl, redisOpsBatch } from "./config";
import { countRedisCommands } from "./redis-ops";
import type { CookieSample, CookieSize, RedisOpsSample } from "./report-types";

/**
 * What the two session modes cost side by side: the cookie's size as the session fills up with
 * tokens, and the Redis commands of a page view and a token request (cached or refreshed).
 */

const describeAsk = (ask: Readonly<Record<string, string>>) =>
  Object.keys(ask).length === 0
    ? "sign-in (Profile API token)"
    : Object.entries(ask)
        .map(([key, value]) => `${key}=${value}`)
        .join(", ");

/** Asks the token route, then views a page: the rolled session's cookie is sent anew. */
async function askAndView(context: BrowserContext, origin: string, ask: Record<string, string>) {
  const response = await context.request.get(`${origin}/auth/access-token`, { params: ask });
  if (!response.ok()) {
    throw new Error(
      `${origin}/auth/access-token answered ${response.status()} for ${describeAsk(ask)}`,
    );
  }
  await context.request.get(`${origin}/`);
  return sessionCookieSize(context, origin);
}

async function sizesIn(browser: Browser, origin: string): Promise<CookieSize[]> {
  const context = await signedInContext(browser, { baseURL: origin });
  try {
    const sizes = [];
    for (const ask of tokenAsks) sizes.push(await askAndView(context, origin, { ...ask }));
    return sizes;
  } finally {
    await context.close();
  }
}

/**
 * The session cookie after sign-in and after each of `tokenAsks` (one more token each), with
 * sessions in the cookie and in Redis.
 *
 * @example
 * const samples = await cookieSizes(browser); // 6 samples, tokens 1..6
 */
export async function cookieSizes(browser: Browser): Promise<CookieSample[]> {
  const cookie = await sizesIn(browser, appUrl);
  const redis = await sizesIn(browser, redisAppUrl);
  return tokenAsks.map((ask, index) => ({
    stage: describeAsk(ask),
    tokens: index + 1,
    cookie: cookie[index] ?? { bytes: 0, chunks: 0 },
    redis: redis[index] ?? { bytes: 0, chunks: 0 },
  }));
}

async function counted(
  redisUrl: string,
  kind: string,
  requests: number,
  request: () => Promise<void>,
): Promise<RedisOpsSample> {
  const before = await issuerStats(issuerUrl);
  const counts = await countRedisCommands(redisUrl, async () => {
    for (let i = 0; i < requests; i += 1) await request();
  });
  const grants = statsDelta(before, await issuerStats(issuerUrl)).refreshGrants;
  const refreshGrants = Object.values(grants).reduce((sum, n) => sum + n, 0);
  return { kind, requests, ...counts, refreshGrants };
}

const ok = async (answer: Promise<{ ok(): boolean; status(): number; url(): string }>) => {
  const response = await answer;
  if (!response.ok()) throw new Error(`${response.url()} answered ${response.status()}`);
};

/**
 * Redis commands of a page view and of a cached token request, in a session of its own on the
 * Redis-mode app, one request at a time. Tokens must outlive the batch (nothing refreshes).
 *
 * @example
 * const [pageView, cachedToken] = await redisOpsCached(browser, redis.url);
 */
export async function redisOpsCached(browser: Browser, redisUrl: string) {
  const context = await signedInContext(browser, { baseURL: redisAppUrl });
  try {
    await ok(context.request.get("/auth/access-token"));
    const { pageViews, cachedTokens } = redisOpsBatch;
    return [
      await counted(redisUrl, "page view (`GET /`)", pageViews, () => ok(context.request.get("/"))),
      await counted(redisUrl, "token request, cached", cachedTokens, () =>
        ok(context.request.get("/auth/access-token")),
      ),
    ];
  } finally {
    await context.close();
  }
}

/**
 * Redis commands of a token request that refreshes: each waits until the token has expired
 * (`ttlSeconds`, the issuer's current lifetime), then asks for it.
 *
 * @example
 * const refreshing = await redisOpsRefreshing(browser, redis.url, 5);
 */
export async function redisOpsRefreshing(
  browser: Browser,
  redisUrl: string,
  ttlSeconds: number,
): Promise<RedisOpsSample> {
  const context = await signedInContext(browser, { baseURL: redisAppUrl });
  try {
    const { refreshes } = redisOpsBatch;
    // The waits run outside the count; the request after each wait is counted.
    let sample: RedisOpsSample = {
      kind: "token request that refreshes",
      requests: 0,
      sent: {},
      scripted: {},
      refreshGrants: 0,
    };
    for (let i = 0; i < refreshes; i += 1) {
      await sleep(ttlSeconds * 1000 + 300);
      const one = await counted(redisUrl, sample.kind, 1, () =>
        ok(context.request.get("/auth/access-token")),
      );
      sample = merge(sample, one);
    }
    return sample;
  } finally {
    await context.close();
  }
}

function merge(a: RedisOpsSample, b: RedisOpsSample): RedisOpsSample {
  const sum = (x: Record<string, number>, y: Record<string, number>) => {
    const out = { ...x };
    for (const [key, n] of Object.entries(y)) out[key] = (out[key] ?? 0) + n;
    return out;
  };
  return {
    kind: a.kind,
    requests: a.requests + b.requests,
    sent: sum(a.sent, b.sent),
    scripted: sum(a.scripted, b.scripted),
    refreshGrants: a.refreshGrants + b.refreshGrants,
  };
}
