import { setTimeout as sleep } from "node:timers/promises";
import type { Browser, BrowserContext } from "@playwright/test";
import type { SessionData } from "@auth0/nextjs-auth0/types";
import { createClient } from "redis";
import { inSignedInContext } from "@/e2e/fixtures";
import { issuerStats, statsDelta } from "@/test-support/issuer-stats";
import { tokenAsks } from "@/test-support/token-asks";
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

type Sizes = { sizes: CookieSize[]; tokens: number[] };

/**
 * Signs in on `origin`, then asks for each token and reads the cookie; `tokensHeld` (Redis mode)
 * reads how many tokens the new session holds after each ask.
 */
async function sizesIn(
  browser: Browser,
  origin: string,
  tokensHeld?: () => Promise<number>,
): Promise<Sizes> {
  return inSignedInContext(browser, origin, async (context) => {
    const result: Sizes = { sizes: [], tokens: [] };
    for (const ask of tokenAsks) {
      result.sizes.push(await askAndView(context, origin, { ...ask }));
      if (tokensHeld) result.tokens.push(await tokensHeld());
    }
    return result;
  });
}

/** The session's access tokens: the sign-in one and one per other audience and scopes. */
const tokensIn = (session: SessionData) =>
  (session.tokenSet.accessToken ? 1 : 0) + (session.accessTokens?.length ?? 0);

/**
 * The session cookie after sign-in and after each of `tokenAsks`, with sessions in the cookie
 * and in Redis; how many tokens the session holds is read from its Redis record (the one session
 * key that appears with the sign-in).
 *
 * @example
 * const samples = await cookieSizes(browser, redis.url); // one sample per ask
 */
export async function cookieSizes(browser: Browser, redisUrl: string): Promise<CookieSample[]> {
  const cookie = await sizesIn(browser, appUrl);
  const client = createClient({ url: redisUrl });
  await client.connect();
  try {
    const sessionKeys = async () =>
      (await client.keys("session:*")).filter((key) => !key.startsWith("session:by-"));
    const before = new Set(await sessionKeys());
    let key: string | undefined;
    const redis = await sizesIn(browser, redisAppUrl, async () => {
      key ??= (await sessionKeys()).find((candidate) => !before.has(candidate));
      const data = key ? await client.hGet(key, "data") : null;
      if (!data) throw new Error("The new session's Redis record was not found.");
      return tokensIn(JSON.parse(data) as SessionData);
    });
    return tokenAsks.map((ask, index) => ({
      stage: describeAsk(ask),
      tokens: redis.tokens[index] ?? 0,
      cookie: cookie.sizes[index] ?? { bytes: 0, chunks: 0 },
      redis: redis.sizes[index] ?? { bytes: 0, chunks: 0 },
    }));
  } finally {
    client.destroy();
  }
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
 * const { pageView, cachedToken } = await redisOpsCached(browser, redis.url);
 */
export async function redisOpsCached(browser: Browser, redisUrl: string) {
  return inSignedInContext(browser, redisAppUrl, async (context) => {
    await ok(context.request.get("/auth/access-token"));
    const { pageViews, cachedTokens } = redisOpsBatch;
    const pageView = await counted(redisUrl, "page view (`GET /`)", pageViews, () =>
      ok(context.request.get("/")),
    );
    const cachedToken = await counted(redisUrl, "token request, cached", cachedTokens, () =>
      ok(context.request.get("/auth/access-token")),
    );
    return { pageView, cachedToken };
  });
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
  return inSignedInContext(browser, redisAppUrl, async (context) => {
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
  });
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
