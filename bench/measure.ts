import type { Browser, BrowserContext } from "@playwright/test";
import { apis } from "@/config/apis";
import { chapters } from "@/config/chapters";
import { signedInContext } from "@/e2e/fixtures";
import { cookieHeader, fetchToken, sessionCookieSize } from "./browser";
import { appUrl, dashboardApis, load, stormSeconds, stormTokenTtlSeconds, targets } from "./config";
import { measureBoundedLoad } from "./bounded-load";
import { measureLoad, type LoadTarget } from "./load";
import { pageJs, tokenRequestsPerLoad } from "./page-metrics";
import type { BenchReport, CookieSample } from "./report-types";
import type { BenchServers } from "./servers";
import { measureStorm } from "./storm";
import { judgeCookies, judgeLoad, judgePageJs, judgeStorm, judgeTokenRequests } from "./verdicts";

type Log = (line: string) => void;
export type Figures = Omit<BenchReport, "date" | "totalSeconds" | "machine">;

/**
 * Every figure of the report, in an order that keeps them independent: the load figures (the
 * throughput, then the bounded load on the same requests) and the page figures first, with
 * long-lived tokens (nothing refreshes), then the cookie sizes in a session
 * of their own, then the storm, after the issuer restarted with short-lived tokens.
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
  const { routes, ...loadFigures } = await throughput(context, log);
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

  log("measuring the session cookie size…");
  const cookies = judgeCookies(await cookieSizes(browser));

  log(`restarting the issuer with ${stormTokenTtlSeconds}-second access tokens…`);
  await servers.restartIssuer(stormTokenTtlSeconds);
  const audiences = dashboardApis.map((api) => api.audience);
  const storm = [];
  for (const manager of [true, false]) {
    log(`measuring the refresh storm, manager ${manager ? "on" : "off"} (${stormSeconds} s)…`);
    const sample = await measureStorm(browser, manager, stormTokenTtlSeconds);
    storm.push(judgeStorm(sample, audiences));
  }

  return {
    load: { ...load, ...loadFigures },
    boundedLoad,
    tokenRequests,
    storm,
    pageJs: { encodings: [...encodings].sort(), figures: judgePageJs(pages) },
    cookies,
  };
}

async function throughput(context: BrowserContext, log: Log) {
  const bearer = async (audience: string) => ({
    authorization: `Bearer ${await fetchToken(context, audience)}`,
  });
  const profile = await bearer(apis.profile.audience);
  const orders = await bearer(apis.orders.audience);
  // The warm-up call: from here on the token route answers from the cookie.
  await fetchToken(context);
  const cookie = await cookieHeader(context);
  const cookieBytes = (await sessionCookieSize(context)).bytes;

  // The routes the app adds, each with the credential it needs; the bounded load reuses them.
  const routes: LoadTarget[] = [
    { label: "cached token, session cookie", path: "/auth/access-token", headers: { cookie } },
    { label: "Profile API", path: "/api/profile/me", headers: profile },
    { label: "Orders API", path: "/api/orders", headers: orders },
  ];
  const [health, token, profileApi, ordersApi] = await measureLoad(
    [{ label: "trivial JSON, outside the proxy", path: "/api/health" }, ...routes],
    log,
  );
  if (!health || !token || !profileApi || !ordersApi) throw new Error("A route was not measured.");
  const figures = judgeLoad(health, [
    { sample: token, target: targets.tokenRouteRatio },
    { sample: profileApi, target: targets.demoApiRatio },
    { sample: ordersApi, target: targets.demoApiRatio },
  ]);
  return { cookieBytes, figures, routes };
}

/** The session cookie after sign-in, then after a token for each further audience. */
async function cookieSizes(browser: Browser): Promise<CookieSample[]> {
  const context = await signedInContext(browser, { baseURL: appUrl });
  try {
    const samples: CookieSample[] = [
      {
        stage: `sign-in (${apis.profile.name})`,
        audiences: 1,
        ...(await sessionCookieSize(context)),
      },
    ];
    for (const api of [apis.orders, apis.reports]) {
      const query = `?audience=${encodeURIComponent(api.audience)}`;
      const response = await context.request.get(`/auth/access-token${query}`);
      const failed = response.ok() ? "" : ` (token route answered ${response.status()})`;
      samples.push({
        stage: `a token for the ${api.name}${failed}`,
        audiences: samples.length + 1,
        ...(await sessionCookieSize(context)),
      });
    }
    return samples;
  } finally {
    await context.close();
  }
}
