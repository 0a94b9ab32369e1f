import { apis } from "@/config/apis";
import { localClient } from "@/config/local-client";

/**
 * Where and how the benchmark runs. Its ports and output folder differ from `npm run dev`
 * (3000/4000, `.next`) and from the end-to-end suite (3401-3403/4401, `.next`,
 * `.next-custom-route`), so it can run while either of them is up.
 */
export const appPort = 3501;
/** The same build with `REDIS_URL`: sessions in Redis, the cookie holds only their id. */
export const redisAppPort = 3502;
export const issuerPort = 4501;
export const distDir = ".next-bench";
export const appUrl = `http://localhost:${appPort}`;
export const redisAppUrl = `http://localhost:${redisAppPort}`;
export const issuerUrl = `http://localhost:${issuerPort}`;

/**
 * The harsh storm (`runNavigationStorm`): an issuer of its own with 2-second tokens and no reuse
 * interval, and apps of their own, each mode with the refresh guard on, then off. Redis mode
 * spreads the navigations over two instances.
 */
export const harshStorm = {
  issuerPort: 4511,
  cookieApps: { guardOn: [3511], guardOff: [3512] },
  redisApps: { guardOn: [3513, 3514], guardOff: [3513, 3514] },
  ttlSeconds: 2,
  tabs: 3,
  seconds: 45,
  /** At most; the run stops at the first revocation (seconds in cookie mode, longer in Redis). */
  guardOffSeconds: 45,
} as const;

/** Requests per kind whose Redis commands are counted (page views, cached and refreshing tokens). */
export const redisOpsBatch = { pageViews: 20, cachedTokens: 20, refreshes: 3 } as const;

/** Long enough that no token expires, and so nothing refreshes, while the load runs. */
export const loadTokenTtlSeconds = 3600;
/** Short, so a 20-second storm sees about four expiries per audience. */
export const stormTokenTtlSeconds = 5;
export const stormSeconds = 20;
export const stormPollMs = 1000;
/** One tab: the figure is one page's refreshes; the end-to-end suite adds a second tab. */
export const stormTabs = 1;

/**
 * Per route: a 2 s warm-up, then three 4 s slices, so 12 s measured; three rounds give each
 * route three ratios to the trivial route, and the verdict takes their median.
 */
export const load = { connections: 50, warmupSeconds: 2, sliceSeconds: 4, rounds: 3 } as const;

/** Client navigations per session mode whose `Set-Cookie` headers are counted. */
export const navigationCookies = { navigations: 100 } as const;

/** Calls per operation of the cookie crypto micro-benchmark, after a warm-up of its own. */
export const cookieCrypto = { calls: 2_000, warmupCalls: 200 } as const;

/**
 * Per route: exactly `amount` requests, so every run does the same work however fast the
 * machine is; a warm-up of `warmupAmount` per route first, and `settleSeconds` of idle before
 * reading the server's memory at rest and after. RSS is sampled every `sampleMs` in between.
 */
export const boundedLoad = {
  amount: 10_000,
  connections: 50,
  warmupAmount: 1_000,
  settleSeconds: 5,
  sampleMs: 200,
} as const;

/** The two APIs the token-races dashboard calls, and the one the cookie figure adds third. */
export const dashboardApis = [apis.profile, apis.orders] as const;

export const targets = {
  /** req/s of the cached token route, as a share of the trivial route's. */
  tokenRouteRatio: 0.9,
  /** req/s of each bearer-only demo API, as a share of the trivial route's. */
  demoApiRatio: 0.8,
  /** One token request per audience per token lifetime, with the token manager. */
  tokenRequestsPerLoad: dashboardApis.length,
  /** JS a chapter may download above the home page, gzip. */
  pageJsAboveHomeKiB: 15,
  /** The SDK logs a warning above this session cookie size. */
  cookieWarningBytes: 4096,
  /** RSS after the bounded load, settled: at most this share of the RSS at rest… */
  memoryAfterRatio: 1.25,
  /** …or this many MiB above it, whichever allows more (the report says why). */
  memoryAfterSlackMiB: 30,
  /** Responses that send the session cookie again, per 100 client navigations: a handful. */
  sessionCookieResendsPer100: 5,
  /** Redis commands a cached token request sends: the session's one read. */
  redisCommandsPerCachedToken: 1,
} as const;

/**
 * The DPoP section (`bench/dpop.ts`): an issuer and a `next start` of its own, with
 * `DPOP_NONCE=required`, where the Payments API (DPoP) and the Orders API (Bearer) are loaded in
 * the same rounds as the throughput table; then `nonceCalls` sequential calls through the SDK's
 * fetcher. `proofSignCalls`: proofs signed once, idle, to time what each loaded request costs the
 * load generator.
 */
export const dpop = {
  issuerPort: 4981,
  appPort: 3981,
  nonceCalls: 100,
  proofSignCalls: 2_000,
} as const;

/** The parts `npm run bench -- --only <part>` can run alone. */
export const benchParts = ["dpop"] as const;
export type BenchPart = (typeof benchParts)[number];

/**
 * The part named by `--only <part>` (or `--only=<part>`) in the arguments, if any; an unknown
 * part or a missing name stops the run with the parts there are.
 *
 * @example
 * benchOnly(["--only", "dpop"]); // "dpop"
 * benchOnly([]); // undefined: everything
 */
export function benchOnly(args: readonly string[]): BenchPart | undefined {
  const at = args.findIndex((arg) => arg === "--only" || arg.startsWith("--only="));
  if (at === -1) return undefined;
  const flag = args[at] ?? "";
  const name = flag.includes("=") ? flag.slice("--only=".length) : args[at + 1];
  const part = benchParts.find((known) => known === name);
  if (!part)
    throw new Error(`--only takes one of: ${benchParts.join(", ")} (got ${name ?? "nothing"}).`);
  return part;
}

/** Overall bound: the run is stopped (servers included) if it takes longer. */
export const runTimeoutMs = 15 * 60_000;

/**
 * `npm run bench:compare`: its issuer, and its apps from `firstAppPort` on, two per commit
 * (sessions in the cookie, then in Redis), on ports none of the other runs use. Its watchdog
 * allows `baseMinutes` plus `minutesPerBuild` per commit built.
 */
export const compare = {
  issuerPort: 4701,
  firstAppPort: 3701,
  lastAppPort: 3799,
  baseMinutes: 10,
  minutesPerBuild: 10,
} as const;

/** The apps' `AUTH0_SECRET`; the cookie crypto micro-benchmark derives its key from it too. */
export const cookieSecret = "88c9b7e08bca725a528a2e6c640941bbbf75e31a0c9925f0cca8d31867c44b14";

/**
 * The app's environment, set explicitly so a developer's `.env.local` (a real tenant) never
 * leaks into the benchmark.
 *
 * @example
 * spawn("next", ["start"], { env: { ...process.env, ...appEnv() } });
 */
export function appEnv(): Record<string, string> {
  return {
    AUTH0_DOMAIN: issuerUrl,
    AUTH0_CLIENT_ID: localClient.clientId,
    AUTH0_CLIENT_SECRET: localClient.clientSecret,
    AUTH0_SECRET: cookieSecret,
    // A production build against the local issuer, on localhost: said explicitly (lib/env/server-env.ts).
    ALLOW_LOCAL_ISSUER_IN_PRODUCTION: "true",
    APP_BASE_URL: appUrl,
    NEXT_DIST_DIR: distDir,
  };
}

/**
 * The local issuer's environment: its state in `stateDir` (a temporary folder, so a restart
 * with another token lifetime keeps the signing key the app has cached).
 *
 * @example
 * issuerEnv("/tmp/bench-issuer-abc", 5).LOCAL_ISSUER_ACCESS_TOKEN_TTL; // "5"
 */
export function issuerEnv(stateDir: string, ttlSeconds: number): Record<string, string> {
  return {
    LOCAL_ISSUER_PORT: String(issuerPort),
    LOCAL_ISSUER_STATE_DIR: stateDir,
    LOCAL_ISSUER_ACCESS_TOKEN_TTL: String(ttlSeconds),
    LOCAL_ISSUER_TEST_ENDPOINTS: "true",
    APP_BASE_URL: appUrl,
    LOCAL_ISSUER_APP_URLS: redisAppUrl,
  };
}
