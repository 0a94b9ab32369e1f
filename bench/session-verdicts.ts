import { targets } from "./config";
import type { NavigationCookieFigure, NavigationCookieSample } from "./cookie-cost-types";
import type {
  CookieFigure,
  CookieSample,
  HarshStormFigure,
  HarshStormSample,
  RedisOpsFigure,
  RedisOpsSample,
  Verdict,
} from "./report-types";
import { verdict } from "./verdicts";

/**
 * The verdicts of what the two session modes cost: the cookie's size, the Redis commands, the
 * navigation storm, and the session cookie that navigations send back.
 */

/**
 * Flags the cookie sizes above the SDK's warning threshold, in both modes, and checks that the
 * Redis mode's cookie (only the session's id) stays one size whatever the session holds.
 *
 * @example
 * const size = (bytes: number) => ({ bytes, chunks: 1 });
 * judgeCookies([{ stage: "sign-in", tokens: 1, cookie: size(3012), redis: size(250) }]);
 * // { figures: [{ …, cookieOverWarning: false, redisOverWarning: false }], redisFlat: "PASS" }
 */
export function judgeCookies(samples: CookieSample[]): {
  figures: CookieFigure[];
  redisFlat: Verdict;
} {
  const figures = samples.map((sample) => ({
    ...sample,
    cookieOverWarning: sample.cookie.bytes > targets.cookieWarningBytes,
    redisOverWarning: sample.redis.bytes > targets.cookieWarningBytes,
  }));
  const redisSizes = new Set(samples.map((sample) => sample.redis.bytes));
  return { figures, redisFlat: verdict(samples.length > 0 && redisSizes.size === 1) };
}

const total = (counts: Record<string, number>) =>
  Object.values(counts).reduce((sum, n) => sum + n, 0);

/**
 * Redis commands per request: those the app sent (each a round trip, or a command of a
 * `MULTI … EXEC` batch) and those its Lua scripts ran. With a `target`, the batch must have sent
 * exactly `target` commands per request (more is a round trip too many; fewer, a request that
 * skipped the session); without, the figure is given only.
 *
 * @example
 * const sample = { kind: "token request, cached", requests: 20, sent: { hgetall: 20 }, scripted: {}, refreshGrants: 0 };
 * perRequest(sample, 1); // { …, sentPerRequest: 1, target: 1, verdict: "PASS" }
 */
export function perRequest(sample: RedisOpsSample, target?: number): RedisOpsFigure {
  const per = (counts: Record<string, number>) =>
    sample.requests > 0 ? total(counts) / sample.requests : 0;
  const figure = {
    ...sample,
    sentPerRequest: per(sample.sent),
    scriptedPerRequest: per(sample.scripted),
  };
  if (target === undefined) return { ...figure, verdict: "baseline" };
  const exact = sample.requests > 0 && total(sample.sent) === target * sample.requests;
  return { ...figure, target, verdict: verdict(exact) };
}

/**
 * The navigation storm against its target: with the guard, no refresh token is spent twice (no
 * failed grant, no `invalid_grant`, no revoked grant) and the session can still refresh. Grants
 * per expiry are given, not judged: `/server-side` refreshes the sign-in token whenever it has
 * less than 10 s left, so with 2-second tokens every view of it is a grant. Without the guard, a
 * baseline: it shows what the guard prevents.
 *
 * @example
 * judgeHarshStorm({ ...sample, guard: true, windowSeconds: 45, ttlSeconds: 2 }).expiries; // 22.5
 */
export function judgeHarshStorm(sample: HarshStormSample): HarshStormFigure {
  const expiries = sample.windowSeconds / sample.ttlSeconds;
  const grantsPerExpiry = Object.fromEntries(
    Object.entries(sample.refreshGrants).map(([audience, n]) => [audience, n / expiries]),
  );
  const figure = { ...sample, expiries, grantsPerExpiry };
  if (!sample.guard) return { ...figure, verdict: "baseline" };
  const spentOnce =
    sample.refreshErrors === 0 && sample.invalidGrant === 0 && sample.revokedGrants === 0;
  return { ...figure, verdict: verdict(spentOnce && sample.stillSignedIn) };
}

/**
 * The session cookie sent back over client navigations: at most `sessionCookieResendsPer100`
 * responses that set it per 100 navigations. A run with a full page load is a MISS: it did not
 * measure client navigations only.
 *
 * @example
 * const sample = { mode: "cookie", navigations: 100, documentLoads: 0, responses: 420,
 *   sessionCookieResponses: 100, sessionCookieHeaders: 600, sessionCookieBytes: 560_000 } as const;
 * judgeNavigationCookies(sample); // { …, resendsPer100: 100, bytesPerNavigation: 5600, verdict: "MISS" }
 */
export function judgeNavigationCookies(sample: NavigationCookieSample): NavigationCookieFigure {
  const per = (n: number) => (sample.navigations > 0 ? n / sample.navigations : 0);
  const resendsPer100 = per(sample.sessionCookieResponses) * 100;
  const target = targets.sessionCookieResendsPer100;
  const pass = sample.navigations > 0 && sample.documentLoads === 0 && resendsPer100 <= target;
  return {
    ...sample,
    resendsPer100,
    bytesPerNavigation: per(sample.sessionCookieBytes),
    target,
    verdict: verdict(pass),
  };
}
