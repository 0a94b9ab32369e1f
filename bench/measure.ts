import type { Browser } from "@playwright/test";
import { chapters } from "@/config/chapters";
import { signedInContext } from "@/e2e/fixtures";
import { sessionCookieValue } from "@/test-support/forge";
import {
  appUrl,
  cookieCrypto,
  cookieSecret,
  dashboardApis,
  harshStorm,
  load,
  navigationCookies,
  redisAppUrl,
  stormSeconds,
  stormTokenTtlSeconds,
  targets,
} from "./config";
import { measureBoundedLoad } from "./bounded-load";
import { measureCookieCrypto } from "./cookie-crypto";
import { measureDpop } from "./dpop";
import { harshStormRuns, measureHarshStorm } from "./harsh-storm";
import { measureNavigationCookies } from "./navigation-cookies";
import { pageJs, tokenRequestsPerLoad } from "./page-metrics";
import type { BenchReport } from "./report-types";
import type { BenchServers } from "./servers";
import { cookieSizes, redisOpsCached, redisOpsRefreshing } from "./session-modes";
import {
  judgeCookies,
  judgeHarshStorm,
  judgeNavigationCookies,
  perRequest,
} from "./session-verdicts";
import { measureStorm } from "./storm";
import { throughput } from "./throughput";
import { judgePageJs, judgeStorm, judgeTokenRequests } from "./verdicts";

type Log = (line: string) => void;
export type Figures = Omit<BenchReport, "date" | "totalSeconds" | "machine">;

/**
 * Every figure of the report, in an order that keeps them independent: the load figures (the
 * throughput of both session modes, the cookie crypto micro-benchmark on the signed-in cookie
 * while the servers are idle, the bounded load on the cookie mode's requests, then the DPoP
 * section on an app and issuer of its own) and the page figures first, with long-lived tokens
 * (nothing refreshes), then the cookie sizes, the `Set-Cookie` bytes of client navigations and the Redis commands of cached requests in sessions
 * of their own; then, after the issuer restarted with short-lived tokens, the Redis commands of
 * a refresh and the storm; last the harsh storm, on an issuer and apps of its own.
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
  log(`timing the SDK's cookie decrypt and encrypt (${cookieCrypto.calls} calls each)…`);
  const jwe = sessionCookieValue(await context.cookies(appUrl));
  const cookieCryptoSample = await measureCookieCrypto(jwe, cookieSecret);
  const boundedLoad = await measureBoundedLoad(servers.appPid, routes, log);
  const dpop = await measureDpop(servers, log);

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
  const navigated = [];
  for (const [mode, origin] of [
    ["cookie", appUrl],
    ["redis", redisAppUrl],
  ] as const) {
    log(
      `counting session Set-Cookie bytes over ${navigationCookies.navigations} navigations (${mode})…`,
    );
    navigated.push(judgeNavigationCookies(await measureNavigationCookies(browser, origin, mode)));
  }
  log("counting Redis commands of page views and cached token requests…");
  const cached = await redisOpsCached(browser, servers.redis.url);
  const redisOps = [
    perRequest(cached.pageView),
    perRequest(cached.cachedToken, targets.redisCommandsPerCachedToken),
  ];

  log(`restarting the issuer with ${stormTokenTtlSeconds}-second access tokens…`);
  await servers.restartIssuer(stormTokenTtlSeconds);
  log("counting Redis commands of token requests that refresh…");
  redisOps.push(
    perRequest(await redisOpsRefreshing(browser, servers.redis.url, stormTokenTtlSeconds)),
  );
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
    redisOps,
    pageJs: { encodings: [...encodings].sort(), figures: judgePageJs(pages) },
    cookies,
    navigationCookies: navigated,
    cookieCrypto: cookieCryptoSample,
    dpop,
  };
}
