import type { CookieCryptoSample, NavigationCookieFigure } from "./cookie-cost-types";
import type { DpopFigures } from "./dpop-types";

/**
 * The shapes of the benchmark's figures: a `…Sample` is what a measurement saw, a `…Figure`
 * adds how it compares with its target. `bench/reports/latest.json` is a `BenchReport`.
 */

/** `baseline`: a row measured for comparison (no manager, the trivial route), with no target. */
export type Verdict = "PASS" | "MISS" | "baseline";

export type LoadSample = {
  label: string;
  path: string;
  /** Every response over all measured time. */
  requestsPerSecond: number;
  /** Each measured round's own requests/s, in the order the rounds ran. */
  roundRequestsPerSecond: number[];
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
};

export type LoadFigure = LoadSample & {
  /** Each round's requests/s divided by the trivial route's in the same round. */
  roundRatios: number[];
  /** The median of `roundRatios`: what the verdict is judged on. */
  ratio: number;
  target?: number;
  verdict: Verdict;
};

/** A route under the bounded load: its figures, and the server's highest RSS while it ran. */
export type BoundedRunSample = LoadSample & { peakRssBytes: number };

export type BoundedRunFigure = BoundedRunSample & { verdict: Verdict };

/** The app server's RSS: settled before the runs, highest during them, settled after them. */
export type MemorySample = { restBytes: number; peakBytes: number; afterBytes: number };

export type MemoryFigure = MemorySample & { allowedAfterBytes: number; verdict: Verdict };

/** The process whose memory is measured: the one listening, among the processes started. */
export type ServerProcess = { pid: number; command: string; treePids: number[] };

export type TokenRequestsSample = {
  manager: boolean;
  tokenRequests: number;
  widgetsOk: number;
  widgetsError: number;
};

export type TokenRequestsFigure = TokenRequestsSample & { target?: number; verdict: Verdict };

export type StormSample = {
  manager: boolean;
  /**
   * From the issuer's counters before the page opened until the storm was stopped; the counters
   * after are read once the requests in flight have finished.
   */
  windowSeconds: number;
  ttlSeconds: number;
  /** refresh_token grants by audience. */
  refreshGrants: Record<string, number>;
  /** Failed refresh_token grants, any error. */
  refreshErrors: number;
  invalidGrant: number;
  revokedGrants: number;
  widgetsError: number;
  /** Once the storm stopped, the token route still gets a token that needs a refresh grant. */
  stillSignedIn: boolean;
};

export type StormFigure = StormSample & {
  /** windowSeconds / ttlSeconds: how many times each audience's token ran out. */
  expiriesPerAudience: number;
  /** Most refresh grants an audience may take: one per expiry, plus its first token. */
  maxGrantsPerAudience: number;
  verdict: Verdict;
};

export type PageJsSample = { path: string; scripts: number; bytes: number };

export type PageJsFigure = PageJsSample & { kib: number; aboveHomeKiB: number; verdict: Verdict };

/** `name=value` bytes of every session cookie chunk, as the browser sends them. */
export type CookieSize = { bytes: number; chunks: number };

/** The session cookie in both modes after the same token request. */
export type CookieSample = {
  stage: string;
  /** Access tokens the session holds, read from its Redis record (the same asks in both modes). */
  tokens: number;
  cookie: CookieSize;
  redis: CookieSize;
};

export type CookieFigure = CookieSample & {
  cookieOverWarning: boolean;
  redisOverWarning: boolean;
};

/** Redis commands seen by `MONITOR` while `requests` requests of one kind ran, one at a time. */
export type RedisOpsSample = {
  kind: string;
  requests: number;
  /** Commands sent by the app (round trips; a `MULTI … EXEC` batch counts each command). */
  sent: Record<string, number>;
  /** Commands run inside the app's Lua scripts (`EVAL`), by name. */
  scripted: Record<string, number>;
  /** Refresh grants the issuer counted meanwhile (to show that a refresh did happen). */
  refreshGrants: number;
};

export type RedisOpsFigure = RedisOpsSample & {
  sentPerRequest: number;
  scriptedPerRequest: number;
  /** Commands sent per request, exactly; none for the kinds given as figures only. */
  target?: number;
  verdict: Verdict;
};

/** The navigation storm (`runNavigationStorm`) in one session mode, guard on or off. */
export type HarshStormSample = {
  mode: "cookie" | "redis";
  instances: number;
  guard: boolean;
  ttlSeconds: number;
  windowSeconds: number;
  navigations: number;
  refreshGrants: Record<string, number>;
  refreshErrors: number;
  invalidGrant: number;
  revokedGrants: number;
  stillSignedIn: boolean;
};

export type HarshStormFigure = HarshStormSample & {
  /** windowSeconds / ttlSeconds: how many times each audience's token ran out. */
  expiries: number;
  /** Refresh grants per audience divided by `expiries`: 1 is one refresh per expiry. */
  grantsPerExpiry: Record<string, number>;
  verdict: Verdict;
};

export type Machine = {
  cores: number;
  cpu: string;
  node: string;
  platform: string;
  /** 1, 5 and 15 minute load averages at the start and the end: other work skews the figures. */
  loadAverage: { start: number[]; end: number[] };
};

export type BenchReport = {
  date: string;
  totalSeconds: number;
  machine: Machine;
  load: {
    connections: number;
    warmupSeconds: number;
    sliceSeconds: number;
    rounds: number;
    /** 1, 5 and 15 minute load averages right before and right after the throughput runs. */
    loadAverage: { before: number[]; after: number[] };
    cookieBytes: number;
    redisCookieBytes: number;
    figures: LoadFigure[];
  };
  boundedLoad: {
    amount: number;
    connections: number;
    warmupAmount: number;
    settleSeconds: number;
    sampleMs: number;
    server: ServerProcess;
    figures: BoundedRunFigure[];
    memory: MemoryFigure;
  };
  tokenRequests: TokenRequestsFigure[];
  storm: StormFigure[];
  harshStorm: HarshStormFigure[];
  redisOps: RedisOpsFigure[];
  pageJs: { encodings: string[]; figures: PageJsFigure[] };
  /** `redisFlat`: the Redis mode's cookie is one size whatever the session holds. */
  cookies: { figures: CookieFigure[]; redisFlat: Verdict };
  navigationCookies: NavigationCookieFigure[];
  cookieCrypto: CookieCryptoSample;
  dpop: DpopFigures;
};
