import "server-only";
import type { NextRequest } from "next/server";
import { auth0 } from "@/lib/auth0";
import { serverEnv } from "@/lib/env/server-env";
import { guardCookieSession, type CookieModeParts } from "@/lib/refresh-guard/cookie-mode";
import { KeyedLock } from "@/lib/refresh-guard/keyed-lock";
import { guardRedisSession, type RedisModeParts } from "@/lib/refresh-guard/redis-mode";
import { RotationMemory } from "@/lib/refresh-guard/rotation-memory";
import {
  readerByCookie,
  sessionFactsReader,
  type ReadSession,
} from "@/lib/refresh-guard/session-facts";
import { storedSessionCookieKey } from "@/lib/refresh-guard/session-cookies";
import { idCookieExpiry, SDK_CLOCK_TOLERANCE_SECONDS } from "@/lib/sessions/id-cookie-expiry";
import { redisSessionId } from "@/lib/sessions/redis-session-store";
import { redisSessions } from "@/lib/sessions/redis-sessions";

/**
 * The refresh guard: no traffic of the app's own may make the authorization server see a
 * refresh token twice. With rotation, a second use is taken for theft and the whole grant is
 * revoked, and the SDK has no lock. Three ways the app itself caused it:
 *
 * 1. two token requests of one session refresh at once and send the same refresh token;
 * 2. the browser cancels a token request (the user navigates away) after the server spent the
 *    refresh token: the cookie with the new one never arrives;
 * 3. a page request read the cookie before a refresh and answers after it: the SDK rolls the
 *    session on every page, so that answer puts the spent refresh token back.
 *
 * With sessions in the cookie (one instance, `cookie-mode.ts`), two pieces in this process:
 * - a lock per refresh token, around everything that may refresh (1): the waiter then finds the
 *   rotation in the memory and goes on with the new session, usually without a refresh at all;
 * - a memory of recent rotations, `hash(spent refresh token) → the new session's cookies` (2, 3):
 *   a request that still presents the spent token, inside its own encrypted cookie, has its
 *   session cookies swapped for the new ones before the SDK reads them, and its answer sends the
 *   new cookies back. Nothing else leads there: not the user, not the audience, not the cookie's
 *   bytes (rolled on every page), so no session can reach another's tokens (SDK issue #2382).
 *
 * What it cannot do: a cookie whose successor never arrived (2) or was rolled back (3), and
 * which is then left unused for longer than the memory lives (`MEMORY_TTL_MS`), still holds a
 * spent refresh token. Sessions in Redis do not have this limit.
 *
 * With sessions in Redis (`REDIS_URL`, any number of instances, `redis-mode.ts`), the cookie
 * holds only the session's id, so (2) and (3) cannot happen: the refresh writes Redis whether or
 * not the browser still listens, and the store refuses a stale write
 * (`lib/sessions/redis-session-store.ts`). What remains is (1), across instances: a lock per
 * session in Redis, around everything that may refresh; the waiter then reads the session its
 * predecessor wrote, and finds a fresh token.
 */

/** What a guarded request may do. */
export type GuardedRequest = {
  /** Whether `handle` may refresh (the token route, a page that refreshes before it renders). */
  mayRefresh: boolean;
  /** The only audience `handle` may refresh for, when the request names exactly one. */
  audience?: string;
};

/** Everything the guard works with: the real one below, or a test's. */
export type RefreshGuardParts = {
  settings: () => { refreshGuard: boolean; redisUrl?: string };
  cookieMode: CookieModeParts;
  redisMode: (redisUrl: string) => RedisModeParts;
};

/**
 * Builds the guard from its parts; the app uses the one below.
 *
 * @example
 * const { withRefreshGuard, forgetRotations } = createRefreshGuard(parts);
 */
export function createRefreshGuard({ settings, cookieMode, redisMode }: RefreshGuardParts) {
  /**
   * Runs `handle` (the SDK's handling of `request`) behind the refresh guard.
   *
   * - `mayRefresh: true`: the session's refresh token is read, a spent one is swapped for the
   *   session that replaced it, and `handle` runs holding that token's (or session's) lock; a
   *   rotation it causes is remembered. With `audience`, a session whose tokens for it are not
   *   about to expire cannot refresh: unless it carries a spent refresh token, the request skips
   *   the lock, and many concurrent token requests of one session are not queued.
   * - `mayRefresh: false` (any other page): only the swap, and only while the memory holds any
   *   rotation, so that most pages never decrypt the session twice.
   *
   * Off with `REFRESH_GUARD=off` (to show what it prevents): then `handle` runs as it is.
   */
  async function withRefreshGuard<R extends Response>(
    request: NextRequest,
    handle: () => Promise<R>,
    guarded: GuardedRequest,
  ): Promise<R> {
    const { refreshGuard, redisUrl } = settings();
    if (!refreshGuard) return handle();
    if (redisUrl === undefined) return guardCookieSession(request, handle, guarded, cookieMode);
    if (!guarded.mayRefresh) return handle();
    return guardRedisSession(request, handle, guarded.audience, redisMode(redisUrl));
  }

  /**
   * Forgets the rotations of the session `request` carries (cookie sessions; in Redis there are
   * none): on sign-out, so that a cookie from before the last rotation no longer leads to the
   * session that was signed out.
   */
  async function forgetRotations(request: NextRequest): Promise<void> {
    if (!settings().refreshGuard || settings().redisUrl !== undefined) return;
    const facts = await cookieMode.facts(request);
    if (facts) cookieMode.memory.forget(facts.refreshTokenHash);
  }

  return { withRefreshGuard, forgetRotations };
}

/** Long enough for the slowest page that started before a refresh to have answered. */
export const MEMORY_TTL_MS = 60_000;
/**
 * What the memory may hold at most: about 1,600 rotations of a 5 KB two-API session within one
 * `MEMORY_TTL_MS` (`entryBytes` counts about 21 KB for each, where the heap grows by about 11 KB).
 * A bound, not a size to expect.
 */
const MEMORY_MAX_BYTES = 32 * 1024 * 1024;

const readSession: ReadSession = (request) => auth0().getSession(request);
const locks = new KeyedLock();

/**
 * The facts of the cookie session a request carries, kept by the cookie's bytes: the guard's,
 * and what the token route's answers and the rolling read.
 */
export const cookieSessionFacts = sessionFactsReader(readSession);

/**
 * The id of the Redis session a request's cookie names, kept by the `__session` cookie's value
 * (the same value always decrypts to the same id) for exactly as long as the SDK would accept
 * that cookie: until its own `exp`, with the SDK's clock tolerance; a second when that cannot be
 * read. The session itself is read from Redis every time.
 */
const storedSessionIds = readerByCookie(
  async (request) => {
    const id = redisSessionId(await readSession(request));
    if (id === null) return null;
    const cookie = storedSessionCookieKey(request);
    return { id, cookieExpiresAt: await idCookieExpiry(cookie, serverEnv().secret) };
  },
  {
    keyOf: storedSessionCookieKey,
    validUntil: ({ cookieExpiresAt }) =>
      cookieExpiresAt === undefined
        ? Date.now() + 1_000
        : (cookieExpiresAt + SDK_CLOCK_TOLERANCE_SECONDS) * 1000,
  },
);

/** The id of the Redis session a request's cookie names, or `null` (`storedSessionIds`). */
export const redisSessionIdOf = async (request: NextRequest): Promise<string | null> =>
  (await storedSessionIds(request))?.id ?? null;

/**
 * The app's refresh guard: every refresh goes through it (the token route, and the proxy's
 * refresh before `/server-side` renders); sign-out forgets the session's rotations.
 *
 * @example
 * const response = await withRefreshGuard(request, () => auth0().middleware(request), {
 *   mayRefresh: true,
 * });
 */
export const { withRefreshGuard, forgetRotations } = createRefreshGuard({
  settings: serverEnv,
  cookieMode: {
    facts: cookieSessionFacts,
    locks,
    memory: new RotationMemory({ ttlMs: MEMORY_TTL_MS, maxBytes: MEMORY_MAX_BYTES }),
  },
  redisMode: (redisUrl) => ({
    sessionIdOf: redisSessionIdOf,
    readSession: (id) => redisSessions(redisUrl).store.get(id),
    locks,
    sharedLocks: redisSessions(redisUrl).locks,
    failures: redisSessions(redisUrl).refreshFailures,
  }),
});
