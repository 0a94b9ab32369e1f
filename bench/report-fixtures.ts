import type { NavigationCookieSample } from "./cookie-cost-types";
import type { BenchReport, CookieSize, HarshStormSample, LoadSample } from "./report-types";
import {
  judgeCookies,
  judgeHarshStorm,
  judgeNavigationCookies,
  perRequest,
} from "./session-verdicts";
import {
  judgeBoundedRun,
  judgeLoad,
  judgeMemory,
  judgePageJs,
  judgeTokenRequests,
} from "./verdicts";

/**
 * Samples and a whole report for the benchmark's unit tests (`report.test.ts`,
 * `session-verdicts.test.ts`): made up, with round numbers that make the expected figures easy
 * to check by hand.
 */

export const MIB = 1024 * 1024;
export const PROFILE = "https://profile-api.example.com";
export const ORDERS = "https://orders-api.example.com";

/**
 * A session cookie of one chunk.
 *
 * @example
 * size(250); // { bytes: 250, chunks: 1 }
 */
export const size = (bytes: number): CookieSize => ({ bytes, chunks: 1 });

export const harsh: HarshStormSample = {
  mode: "redis",
  instances: 2,
  guard: true,
  ttlSeconds: 2,
  windowSeconds: 45,
  navigations: 120,
  refreshGrants: { [PROFILE]: 22, [ORDERS]: 20 },
  refreshErrors: 0,
  invalidGrant: 0,
  revokedGrants: 0,
  stillSignedIn: true,
};

/**
 * A route's load figures: `requestsPerSecond` overall and, unless said, in each of three rounds.
 *
 * @example
 * sample("/api/health", 2000).roundRequestsPerSecond; // [2000, 2000, 2000]
 */
export const sample = (
  path: string,
  requestsPerSecond: number,
  non2xx = 0,
  roundRequestsPerSecond = [requestsPerSecond, requestsPerSecond, requestsPerSecond],
): LoadSample => ({
  label: path,
  path,
  requestsPerSecond,
  roundRequestsPerSecond,
  p50Ms: 20,
  p99Ms: 45,
  requests: requestsPerSecond * 10,
  non2xx,
  errors: 0,
});

/** Today's cookie mode: every page request rolls the session and sends the cookie again. */
export const navigation: NavigationCookieSample = {
  mode: "cookie",
  navigations: 100,
  documentLoads: 0,
  responses: 420,
  sessionCookieResponses: 100,
  sessionCookieHeaders: 600,
  sessionCookieBytes: 560_000,
};

/** One report with a row or two of every table. */
export const benchReport: BenchReport = {
  date: "2026-01-02T03:04:05.000Z",
  totalSeconds: 180,
  machine: {
    cores: 2,
    cpu: "Test CPU",
    node: "v20.20.2",
    platform: "linux",
    loadAverage: { start: [1.5, 1, 1], end: [3, 2, 1] },
  },
  load: {
    connections: 50,
    warmupSeconds: 2,
    sliceSeconds: 4,
    rounds: 3,
    loadAverage: { before: [0.5, 0.4, 0.3], after: [1.9, 0.8, 0.4] },
    cookieBytes: 3012,
    redisCookieBytes: 250,
    figures: judgeLoad(sample("/api/health", 2000, 0, [2000, 2000, 1000]), [
      { sample: sample("/auth/access-token", 1700, 0, [1700, 1800, 850]), target: 0.9 },
      { sample: { ...sample("/", 300, 0, [300, 320, 140]), label: "page view, signed in" } },
    ]),
  },
  boundedLoad: {
    amount: 10_000,
    connections: 50,
    warmupAmount: 1_000,
    settleSeconds: 5,
    sampleMs: 200,
    server: { pid: 42, command: "next-server (v16.0.0)", treePids: [41, 42] },
    figures: [judgeBoundedRun({ ...sample("/api/orders", 900, 2), peakRssBytes: 250 * MIB })],
    memory: judgeMemory({ restBytes: 100 * MIB, peakBytes: 250 * MIB, afterBytes: 140 * MIB }),
  },
  tokenRequests: [
    judgeTokenRequests({ manager: true, tokenRequests: 2, widgetsOk: 10, widgetsError: 0 }),
  ],
  storm: [],
  harshStorm: [judgeHarshStorm(harsh)],
  redisOps: [
    perRequest({
      kind: "page view (`GET /`)",
      requests: 20,
      sent: { hgetall: 20, eval: 20 },
      scripted: { hset: 20 },
      refreshGrants: 0,
    }),
    perRequest(
      {
        kind: "token request, cached",
        requests: 20,
        sent: { hgetall: 40 },
        scripted: {},
        refreshGrants: 0,
      },
      1,
    ),
  ],
  pageJs: { encodings: ["gzip"], figures: judgePageJs([{ path: "/", scripts: 9, bytes: 1024 }]) },
  cookies: judgeCookies([
    { stage: "sign-in", tokens: 1, cookie: size(3012), redis: size(250) },
    { stage: "audience=orders", tokens: 2, cookie: { bytes: 4400, chunks: 2 }, redis: size(250) },
  ]),
  navigationCookies: [
    judgeNavigationCookies(navigation),
    judgeNavigationCookies({
      ...navigation,
      mode: "redis",
      sessionCookieResponses: 4,
      sessionCookieHeaders: 4,
      sessionCookieBytes: 880,
    }),
  ],
  cookieCrypto: {
    sdkVersion: "4.30.0",
    calls: 2000,
    warmupCalls: 200,
    cookieBytes: 4200,
    payloadBytes: 3100,
    rows: [
      { operation: "decrypt", sdkMicros: 250, keyOnceMicros: 120 },
      { operation: "encrypt", sdkMicros: 260, keyOnceMicros: 150 },
    ],
  },
  dpop: {
    nonce: "required",
    proofMicroseconds: 60,
    loadAverage: { before: [1.2, 1, 0.9], after: [2.4, 1.3, 1] },
    figures: judgeLoad(sample("/api/orders", 1000, 0, [1000, 1000, 800]), [
      { sample: sample("/api/payments", 700, 0, [700, 750, 480]) },
    ]),
    nonceRetries: {
      client: "Fetcher",
      calls: 100,
      requests: 101,
      nonceRefusals: 1,
      failures: 0,
      noncesSeen: 2,
      rolloverBeforeCall: 51,
      rolloverWaitSeconds: 20.5,
      seconds: 23.7,
      retriesPer100Calls: 1,
    },
  },
};
