/**
 * The shapes of the benchmark's figures: a `…Sample` is what a measurement saw, a `…Figure`
 * adds how it compares with its target. `bench/reports/latest.json` is a `BenchReport`.
 */

/** `baseline`: a row measured for comparison (no manager, the trivial route), with no target. */
export type Verdict = "PASS" | "MISS" | "baseline";

export type LoadSample = {
  label: string;
  path: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
};

export type LoadFigure = LoadSample & {
  /** requests/s divided by the trivial route's, measured in the same run. */
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

export type CookieSample = { stage: string; audiences: number; bytes: number; chunks: number };

export type CookieFigure = CookieSample & { overWarning: boolean };

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
    cookieBytes: number;
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
  pageJs: { encodings: string[]; figures: PageJsFigure[] };
  cookies: CookieFigure[];
};
