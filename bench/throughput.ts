import { loadavg } from "node:os";
import type { Browser, BrowserContext } from "@playwright/test";
import { signedInContext } from "@/e2e/fixtures";
import { cachedTokenSession, cookieHeader, fetchToken, sessionCookieSize } from "./browser";
import { type load, redisAppUrl, targets } from "./config";
import { measureLoad, type LoadTarget } from "./load";
import type { BenchReport } from "./report-types";
import { judgeLoad } from "./verdicts";

type Throughput = Omit<BenchReport["load"], keyof typeof load> & {
  /** The routes the app adds, with their credentials, for the bounded load to reuse. */
  routes: LoadTarget[];
};

/** A page view on each app, with its signed-in user's cookie and without any cookie. */
function pageViews(cookie: string, redisCookie: string): LoadTarget[] {
  return [
    { label: "page view, signed in, session cookie", path: "/", headers: { cookie } },
    { label: "page view, signed out, cookie-mode app", path: "/" },
    {
      label: "page view, signed in, session in Redis",
      path: "/",
      headers: { cookie: redisCookie },
      origin: redisAppUrl,
    },
    { label: "page view, signed out, Redis-mode app", path: "/", origin: redisAppUrl },
  ];
}

/**
 * Requests/s of every route against the trivial one, round by round: the token route in both
 * session modes and the demo APIs against their targets, and page views signed in and signed
 * out on both apps as figures only. The machine's load average is read right before and right
 * after, since other work would skew the ratios.
 *
 * @example
 * const { figures, routes } = await throughput(browser, context, console.log);
 */
export async function throughput(
  browser: Browser,
  context: BrowserContext,
  log: (line: string) => void,
): Promise<Throughput> {
  // From here on the token route answers from the cookie.
  const tokens = await cachedTokenSession(context);
  const { cookie } = tokens;
  const profile = { authorization: `Bearer ${tokens.profile}` };
  const orders = { authorization: `Bearer ${tokens.orders}` };
  const cookieBytes = (await sessionCookieSize(context)).bytes;
  // The same signed-in state on the Redis-mode app: its cookie holds only the session's id.
  const redisContext = await signedInContext(browser, { baseURL: redisAppUrl });
  await fetchToken(redisContext);
  const redisCookie = await cookieHeader(redisContext, redisAppUrl);
  const redisCookieBytes = (await sessionCookieSize(redisContext, redisAppUrl)).bytes;
  await redisContext.close();

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
  const health: LoadTarget = { label: "trivial JSON, outside the proxy", path: "/api/health" };
  const pages = pageViews(cookie, redisCookie);
  const before = loadavg();
  const [healthSample, token, profileApi, ordersApi, redisTokenSample, ...pageSamples] =
    await measureLoad([health, ...routes, redisToken, ...pages], log);
  const after = loadavg();
  if (!healthSample || !token || !redisTokenSample || !profileApi || !ordersApi) {
    throw new Error("A route was not measured.");
  }
  const figures = judgeLoad(healthSample, [
    { sample: token, target: targets.tokenRouteRatio },
    { sample: redisTokenSample, target: targets.tokenRouteRatio },
    { sample: profileApi, target: targets.demoApiRatio },
    { sample: ordersApi, target: targets.demoApiRatio },
    ...pageSamples.map((sample) => ({ sample })),
  ]);
  return { loadAverage: { before, after }, cookieBytes, redisCookieBytes, figures, routes };
}
