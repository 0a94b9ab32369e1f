import type { AccessTokenOptions } from "@auth0/nextjs-auth0";
import { createRequestLock, type RequestLock } from "./request-lock";

/** What the token route answers with `includeFullResponse: true`. */
export type TokenResponse = {
  token: string;
  scope?: string;
  expires_at?: number;
  expires_in?: number;
  token_type?: string;
};

/** What a token request may name: the token route refuses anything else (`mergeScopes`). */
export type TokenRequest = Pick<AccessTokenOptions, "audience" | "scope" | "route">;

/** Counts a page can show: how much work the manager saved. */
export type TokenStats = {
  /** HTTP requests to the token route. */
  requests: number;
  /** Answers served from memory. */
  cacheHits: number;
  /** Callers that joined a request already in flight. */
  shared: number;
  /** Tokens that differ from the one cached before: each one a grant at the server. */
  newTokens: number;
};

export type TokenManagerOptions = {
  /** The SDK's `getAccessToken` with `includeFullResponse: true`. */
  fetchToken: (request: TokenRequest) => Promise<TokenResponse>;
  /** Seconds before `expires_at` at which a cached token counts as expired. */
  skewSeconds?: number;
  lock?: RequestLock;
  now?: () => number;
};

/** Default skew: enough for a request to reach an API before the token runs out. */
const DEFAULT_SKEW_SECONDS = 10;

type Entry = { response: TokenResponse; useUntil: number };

/**
 * A browser-side token cache in front of the SDK's `getAccessToken`:
 * - caches each token by (user, route, audience, scope) until `skewSeconds` before `expires_at`
 *   (at most half its lifetime). The SDK only refreshes expired tokens, so when the route answers
 *   with the token already cached, that token is used until `expires_at` itself;
 * - single-flight: concurrent callers for one key share one request;
 * - one token request at a time per browser (see `request-lock.ts`), so two refreshes can never
 *   spend the same refresh token, each with a deadline, so one that hangs cannot stop the others;
 * - errors reach the caller unchanged (the SDK's `AccessTokenError` and its `code`), the
 *   deadlines' own as `AccessTokenError`s too (`token_request_timeout`, `token_lock_timeout`).
 *
 * @example
 * const manager = new TokenManager({ fetchToken: (r) => getAccessToken({ ...r, includeFullResponse: true }) });
 * manager.setUser(user.sub);
 * const { token } = await manager.get({ audience: "https://orders-api.example.com" });
 */
export class TokenManager {
  private readonly cache = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<TokenResponse>>();
  private readonly listeners = new Set<() => void>();
  private user: string | null = null;
  private generation = 0;
  private stats: TokenStats = { requests: 0, cacheHits: 0, shared: 0, newTokens: 0 };
  private readonly fetchToken: TokenManagerOptions["fetchToken"];
  private readonly skew: number;
  private readonly lock: RequestLock;
  private readonly now: () => number;

  constructor(options: TokenManagerOptions) {
    this.fetchToken = options.fetchToken;
    this.skew = options.skewSeconds ?? DEFAULT_SKEW_SECONDS;
    this.lock = options.lock ?? createRequestLock();
    this.now = options.now ?? (() => Date.now() / 1000);
  }

  /** Scopes the cache to one user: a different user never receives another's cached token. */
  setUser(user: string | null): void {
    if (user === this.user) return;
    this.user = user;
    this.clear();
  }

  /** A token for the request: from memory while fresh, otherwise from the token route. */
  get(request: TokenRequest = {}): Promise<TokenResponse> {
    // #region single-flight
    const key = this.keyOf(request);
    const cached = this.cache.get(key);
    if (cached && this.isFresh(cached)) {
      this.count("cacheHits");
      return Promise.resolve(cached.response);
    }
    const pending = this.inflight.get(key);
    if (pending) {
      this.count("shared");
      return pending;
    }
    const generation = this.generation;
    const request$ = this.lock(async () => {
      // Another caller may have filled the cache while this one waited for the lock.
      const filled = this.cache.get(key);
      if (filled && filled !== cached && this.isFresh(filled)) return filled.response;
      this.count("requests");
      const response = await this.fetchToken(request);
      // A sign-out or user switch while the request was in flight: do not keep its answer. One
      // that arrives after its deadline is kept: the browser has stored its cookies anyway.
      if (generation === this.generation) this.store(key, response, cached);
      return response;
    }).finally(() => {
      if (this.inflight.get(key) === request$) this.inflight.delete(key);
    });
    this.inflight.set(key, request$);
    return request$;
    // #endregion
  }

  /** Forgets the token of one request (an API said 401 invalid_token), or every token. */
  invalidate(request?: TokenRequest): void {
    if (request) this.cache.delete(this.keyOf(request));
    else this.clear();
  }

  /** Drops every token: on sign-out. */
  clear(): void {
    this.generation += 1;
    this.cache.clear();
    this.inflight.clear();
    this.emit();
  }

  getStats = (): TokenStats => this.stats;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private keyOf({ route, audience, scope }: TokenRequest): string {
    const scopes = (scope ?? "").split(" ").filter(Boolean).sort().join(" ");
    return JSON.stringify([this.user, route ?? "", audience ?? "", scopes]);
  }

  private store(key: string, response: TokenResponse, previous: Entry | undefined): void {
    if (response.expires_at === undefined) return; // nothing to schedule by: never cache
    const renewed = response.token !== previous?.response.token;
    if (renewed) this.count("newTokens");
    const lifetime = response.expires_in ?? response.expires_at - this.now();
    const skew = renewed ? Math.min(this.skew, lifetime / 2) : 0;
    this.cache.set(key, { response, useUntil: response.expires_at - skew });
  }

  private isFresh(entry: Entry): boolean {
    return entry.useUntil > this.now();
  }

  private count(stat: keyof TokenStats): void {
    this.stats = { ...this.stats, [stat]: this.stats[stat] + 1 };
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
