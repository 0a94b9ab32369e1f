import type { Browser, BrowserContext } from "@playwright/test";
import { apis } from "@/config/apis";
import { chapters } from "@/config/chapters";
import { signedInContext } from "@/e2e/fixtures";
import { cookieHeader, fetchToken, sessionCookieSize } from "./browser";
import {
  appUrl,
  dashboardApis,
  harshStorm,
  load,
  redisAppUrl,
  stormSeconds,
  stormTokenTtlSeconds,
  targets,
} from "./config";
import { measureBoundedLoad } from "./bounded-load";
import { harshStormRuns, measureHarshStorm } from "./harsh-storm";
import { measureLoad, type LoadTarget } from "./load";
import { pageJs, tokenRequestsPerLoad } from "./page-metrics";
import type { BenchReport } from "./report-types";
import type { BenchServers } from "./servers";
import { cookieSizes, redisOpsCached, redisOpsRefreshing } from "./session-modes";
import { measureStorm } from "./storm";
import {
  judgeCookies,
  judgeHarshStorm,
  judgeLoad,
  judgePageJs,
  judgeStorm,
  judgeTokenRequests,
  perRequest,
} from "./verdicts";

type Log = (line: string) => void;
export type Figures = Omit<BenchReport, "date" | "totalSeconds" | "machine">;

/**
 * Every figure of the report, in an order that keeps them independent: the load figures (the
 * throughput of both session modes, then the bounded load on the cookie mode's requests) and
 * the page figures first, with long-lived tokens (nothing refreshes), then the cookie sizes and
 * the Redis commands of cached requests in sessions of their own; then, after the issuer
 * restarted with short-lived tokens, the Redis commands of a refresh and the storm; last the
 * harsh storm, on an issuer and apps of its own.
 *
 * @example
 * const figures = await measureAll(servers, browser, console.log);
 */
export async function measureAll(
  servers: BenchServers,
  browser: Browser,
  log: Log,
): Promise<Figures> {
  log("signing in…");
  const context = await signedInContext(browser, { baseURL: appUrl });
  const { routes, ...loadFigures } = await throughput(browser, context, log);
  const boundedLoad = await measureBoundedLoad(servers.appPid, routes, log);

  log("measuring token requests per page load of /token-races (manager on, then off)…");
  const tokenRequests = [
    await tokenRequestsPerLoad(context, true),
    await tokenRequestsPerLoad(context, false),
  ].map(judgeTokenRequests);

  log("measuring the JS each page downloads…");
  const encodings = new Set<string>();
  const pages = [];
  for (const path of ["/", ...chapters.map((chapter) => `/${chapter.slug}`)]) {
    const measured = await pageJs(context, path);
    measured.encodings.forEach((encoding) => encodings.add(encoding));
    pages.push(measured.sample);
  }
  await context.close();

  log("measuring the session cookie size with 1..6 tokens, in both modes…");
  const cookies = judgeCookies(await cookieSizes(browser, servers.redis.url));
  log("counting Redis commands of page views and cached token requests…");
  const redisOps = await redisOpsCached(browser, servers.redis.url);

  log(`restarting the issuer with ${stormTokenTtlSeconds}-second access tokens…`);
  await servers.restartIssuer(stormTokenTtlSeconds);
  log("counting Redis commands of token requests that refresh…");
  redisOps.push(await redisOpsRefreshing(browser, servers.redis.url, stormTokenTtlSeconds));
  const audiences = dashboardApis.map((api) => api.audience);
  const storm = [];
  for (const manager of [true, false]) {
    log(`measuring the refresh storm, manager ${manager ? "on" : "off"} (${stormSeconds} s)…`);
    const sample = await measureStorm(browser, manager, stormTokenTtlSeconds);
    storm.push(judgeStorm(sample, audiences));
  }

  const stormServers = await servers.startStormIssuer();
  const harsh = [];
  for (const run of harshStormRuns) {
    const seconds = run.guard ? harshStorm.seconds : harshStorm.guardOffSeconds;
    const guard = run.guard ? "on" : "off";
    log(
      `harsh storm: ${run.mode} sessions, guard ${guard}, ${run.ports.length} instance(s), ≤ ${seconds} s…`,
    );
    harsh.push(
      judgeHarshStorm(await measureHarshStorm(browser, stormServers, run, servers.redis.url)),
    );
  }

  return {
    load: { ...load, ...loadFigures },
    boundedLoad,
    tokenRequests,
    storm,
    harshStorm: harsh,
    redisOps: redisOps.map(perRequest),
    pageJs: { encodings: [...encodings].sort(), figures: judgePageJs(pages) },
    cookies,
  };
}

async function throughput(browser: Browser, context: BrowserContext, log: Log) {
  const bearer = async (audience: string) => ({
    authorization: `Bearer ${await fetchToken(context, audience)}`,
  });
  const profile = await bearer(apis.profile.audience);
  const orders = await bearer(apis.orders.audience);
  // The warm-up call: from here on the token route answers from the cookie.
  await fetchToken(context);
  const cookie = await cookieHeader(context);
  const cookieBytes = (await sessionCookieSize(context)).bytes;
  // The same signed-in state on the Redis-mode app: its cookie holds only the session's id.
  const redisContext = await signedInContext(browser, { baseURL: redisAppUrl });
  await fetchToken(redisContext);
  const redisCookie = await cookieHeader(redisContext, redisAppUrl);
  const redisCookieBytes = (await sessionCookieSize(redisContext, redisAppUrl)).bytes;
  await redisContext.close();

  // The routes the app adds, each with the credential it needs; the bounded load reuses them.
  const routes: LoadTarget[] = [
    { label: "cached token, session cookie", path: "/auth/access-token", headers: { cookie } },
    { label: "Profile API", path: "/api/profile/me", headers: profile },
    { label: "Orders API", path: "/api/orders", headers: orders },
  ];
  const redisToken: LoadTarget = {
    label: "cached token, session in Redis",
    path: "/auth/access-token",
    headers: { cookie: redisCookie },
    origin: redisAppUrl,
  };
  const [health, token, profileApi, ordersApi, redisTokenSample] = await measureLoad(
    [{ label: "trivial JSON, outside the proxy", path: "/api/health" }, ...routes, redisToken],
    log,
  );
  if (!health || !token || !redisTokenSample || !profileApi || !ordersApi) {
    throw new Error("A route was not measured.");
  }
  const figures = judgeLoad(health, [
    { sample: token, target: targets.tokenRouteRatio },
    { sample: redisTokenSample, target: targets.tokenRouteRatio },
    { sample: profileApi, target: targets.demoApiRatio },
    { sample: ordersApi, target: targets.demoApiRatio },
  ]);
  return { cookieBytes, redisCookieBytes, figures, routes };
}
