import "server-only";
import { createHash } from "node:crypto";
import type { SessionData } from "@auth0/nextjs-auth0/types";
import { NextRequest } from "next/server";
import { apis } from "@/config/apis";
import { auth0 } from "@/lib/auth0";
import { serverEnv } from "@/lib/env/server-env";
import { KeyedLock } from "@/lib/refresh-guard/keyed-lock";
import { RotationMemory, type Rotation } from "@/lib/refresh-guard/rotation-memory";
import { cookieOf, sessionCookies, sessionSetCookies } from "@/lib/refresh-guard/session-cookies";
import { redisSessionId } from "@/lib/sessions/redis-session-store";
import { redisSessions } from "@/lib/sessions/redis-sessions";

/**
 * The refresh guard: no traffic of the app's own may make the authorization server see a
 * refresh token twice. With rotation, a second use is taken for theft and the whole grant is
 * revoked, and the SDK has no lock. Three ways the app itself caused it (see FACTS.md):
 *
 * 1. two token requests of one session refresh at once and send the same refresh token;
 * 2. the browser cancels a token request (the user navigates away) after the server spent the
 *    refresh token: the cookie with the new one never arrives;
 * 3. a page request read the cookie before a refresh and answers after it: the SDK rolls the
 *    session on every page, so that answer puts the spent refresh token back.
 *
 * With sessions in the cookie (one instance), two pieces in this process:
 * - a lock per refresh token, around everything that may refresh (1): the waiter then finds the
 *   rotation in the memory and goes on with the new session, usually without a refresh at all;
 * - a memory of recent rotations, `hash(spent refresh token) → the new session's cookies` (2, 3):
 *   a request that still presents the spent token, inside its own encrypted cookie, has its
 *   session cookies swapped for the new ones before the SDK reads them, and its answer sends the
 *   new cookies back. Nothing else leads there: not the user, not the audience, not the cookie's
 *   bytes (rolled on every page), so no session can reach another's tokens (SDK issue #2382).
 *
 * What it cannot do: a cookie rolled back (3) and then left unused for longer than the memory
 * lives (`MEMORY_TTL_MS`) still holds a spent refresh token.
 *
 * With sessions in Redis (`REDIS_URL`, any number of instances), the cookie holds only the
 * session's id, so (2) and (3) cannot happen: the refresh writes Redis whether or not the browser
 * still listens, and the store refuses a stale write (`lib/sessions/redis-session-store.ts`).
 * What remains is (1), across instances: a lock per session in Redis, around everything that may
 * refresh; the waiter then reads the session its predecessor wrote, and finds a fresh token.
 */

/** Long enough for the slowest page that started before a refresh to have answered. */
const MEMORY_TTL_MS = 60_000;
/** About 40 MB at most (a 4 KB session twice per entry): a bound, not a size to expect. */
const MEMORY_MAX_ENTRIES = 10_000;

const memory = new RotationMemory({ ttlMs: MEMORY_TTL_MS, maxEntries: MEMORY_MAX_ENTRIES });
const locks = new KeyedLock();

/**
 * A token that expires later than this cannot be refreshed by the request at hand (the SDK
 * refreshes expired tokens only): that request skips the lock, so that the cached token route
 * keeps its speed when one session sends many requests at once.
 */
const FRESH_MARGIN_S = 5;
/** The rotation changes a key this many times at most while a request waits (chained refreshes). */
const MAX_REQUEUES = 8;

/**
 * Runs `handle` (the SDK's handling of `request`) behind the refresh guard.
 *
 * - `mayRefresh: true` (the token route, a page that refreshes before it renders): the session's
 *   refresh token is read, a spent one is swapped for the session that replaced it, and `handle`
 *   runs holding that token's lock; a rotation it causes is remembered.
 *   With `audience` (the only audience `handle` may refresh for), a session whose tokens for it
 *   are not about to expire cannot refresh: unless it carries a spent refresh token, the request
 *   skips the lock, and many concurrent token requests of one session are not queued.
 * - `mayRefresh: false` (any other page): only the swap, and only while the memory holds any
 *   rotation, so that most pages never decrypt the session twice.
 *
 * Off with `REFRESH_GUARD=off` (to show what it prevents): then `handle` runs as it is.
 *
 * @example
 * const response = await withRefreshGuard(request, () => auth0().middleware(request), {
 *   mayRefresh: true,
 * });
 */
export async function withRefreshGuard<R extends Response>(
  request: NextRequest,
  handle: () => Promise<R>,
  { mayRefresh, audience }: { mayRefresh: boolean; audience?: string },
): Promise<R> {
  const { refreshGuard, redisUrl } = serverEnv();
  if (!refreshGuard) return handle();
  if (redisUrl) return mayRefresh ? withSessionLock(request, handle, audience, redisUrl) : handle();
  if (!mayRefresh && memory.size === 0) return handle();
  const facts = await sessionFacts(request);
  if (facts === null) return handle();
  const presented = facts.refreshTokenHash;
  const rotation = memory.resolve(presented);
  if (!mayRefresh) return withSessionOf(request, rotation, handle);
  if (!rotation && audience !== undefined && !mayRefreshFor(facts, audience)) return handle();

  // #region refresh-guard
  for (let requeues = 0; ; requeues += 1) {
    const newest = memory.resolve(presented);
    const key = newest?.refreshTokenHash ?? presented;
    const response = await locks.run(key, async () => {
      // Rotated while this request waited: queue again behind the newer refresh token, so that
      // every request refreshing one token holds that token's lock.
      if (requeues < MAX_REQUEUES && memory.resolve(key)) return null;
      return withSessionOf(request, newest, async () => {
        const answer = await handle();
        await rememberRotation(request, answer, key);
        return answer;
      });
    });
    if (response) return response;
  }
  // #endregion
}

/**
 * The guard with sessions in Redis: one refresh at a time per session, across instances. The lock
 * is taken in this process first, so that one instance's waiters queue here instead of polling
 * Redis side by side; a request that waits too long gets a 503 (`LockWaitTimeoutError`).
 */
// #region refresh-guard-redis
async function withSessionLock<R extends Response>(
  request: NextRequest,
  handle: () => Promise<R>,
  audience: string | undefined,
  redisUrl: string,
): Promise<R> {
  const session = await auth0().getSession(request);
  const id = redisSessionId(session);
  if (!session?.tokenSet.refreshToken || id === null) return handle();
  if (audience !== undefined && !mayRefreshFor(factsOf(session), audience)) return handle();
  return locks.run(`session:${id}`, () => redisSessions(redisUrl).locks.run(id, handle));
}
// #endregion

/**
 * Sessions already read, by their cookies' exact bytes: a token route answered from the session
 * presents the same cookie again and again, and decrypting it once more per request (the SDK
 * decrypts it too) would cost the route a good share of its speed. The same bytes always decrypt
 * to the same refresh token, so this tells nothing a decryption would not. Bounded; only sessions
 * with a refresh token are kept (one that expires later keeps its hash, harmlessly: the SDK still
 * refuses it, and the rotation it may be swapped for is just as old).
 */
const factsByCookie = new Map<string, SessionFacts>();
const MAX_FACTS_BY_COOKIE = 1_000;

/** What the guard needs of a session: its refresh token's hash, and when its tokens expire. */
type SessionFacts = {
  refreshTokenHash: string;
  /** Per audience, the earliest expiry (epoch seconds) of the session's tokens for it. */
  expiries: Map<string, number>;
};

/** The session's refresh token hash and token expiries, or `null` without a refresh token. */
async function sessionFacts(request: NextRequest): Promise<SessionFacts | null> {
  const cookie = sessionCookies(request)
    .map(({ name, value }) => `${name}=${value}`)
    .sort()
    .join("; ");
  if (cookie === "") return null;
  const known = factsByCookie.get(cookie);
  if (known !== undefined) return known;
  const session = await auth0()
    .getSession(request)
    .catch(() => null);
  if (!session?.tokenSet.refreshToken) return null;
  const facts = factsOf(session);
  if (factsByCookie.size >= MAX_FACTS_BY_COOKIE) {
    const oldest = factsByCookie.keys().next();
    if (!oldest.done) factsByCookie.delete(oldest.value);
  }
  factsByCookie.set(cookie, facts);
  return facts;
}

/** The facts of a session that has a refresh token. */
function factsOf(session: SessionData): SessionFacts {
  const expiries = new Map<string, number>();
  const earliest = (audience: string, expiresAt: number) =>
    expiries.set(audience, Math.min(expiresAt, expiries.get(audience) ?? Infinity));
  const { tokenSet } = session;
  if (tokenSet.expiresAt) earliest(tokenSet.audience ?? apis.profile.audience, tokenSet.expiresAt);
  for (const entry of session.accessTokens ?? []) earliest(entry.audience, entry.expiresAt);
  return {
    refreshTokenHash: createHash("sha256")
      .update(tokenSet.refreshToken ?? "")
      .digest("base64url"),
    expiries,
  };
}

/**
 * Whether the SDK may refresh for `audience` with this session: when it holds no token for it,
 * or one that expires within `FRESH_MARGIN_S`. The earliest of its tokens for the audience is
 * compared, whatever their scopes, so whichever one the SDK picks, it is at least as fresh.
 */
function mayRefreshFor(facts: SessionFacts, audience: string): boolean {
  const expiresAt = facts.expiries.get(audience);
  return expiresAt === undefined || expiresAt - Date.now() / 1000 < FRESH_MARGIN_S;
}

/**
 * Runs `handle` with the request's session cookies replaced by `rotation`'s (when there is one)
 * and sends them back with the answer, unless the SDK already wrote the session (then its
 * cookies are at least as new: it read the swapped ones).
 */
async function withSessionOf<R extends Response>(
  request: NextRequest,
  rotation: Rotation | null,
  handle: () => Promise<R>,
): Promise<R> {
  if (!rotation) return handle();
  // Rewrites the Cookie header too: the SDK, and the page behind the proxy, read the new session.
  request.cookies.delete(sessionCookies(request).map((cookie) => cookie.name));
  for (const { name, value } of rotation.requestCookies) request.cookies.set(name, value);
  const response = await handle();
  if (sessionSetCookies(response).length === 0) {
    for (const header of rotation.setCookies) response.headers.append("Set-Cookie", header);
    response.headers.set(
      "Cache-Control",
      "private, no-cache, no-store, must-revalidate, max-age=0",
    );
  }
  return response;
}

/**
 * Remembers `spent → the session the answer writes` when `handle` rotated the refresh token. The
 * new session is read from the answer's `Set-Cookie`, and only when it writes a session cookie
 * at all (a cached token writes none). Not from the request: the SDK's read-after-write goes to
 * its own copy of the request whenever it does not recognise the proxy's `NextRequest` class.
 */
async function rememberRotation(request: NextRequest, response: Response, spent: string) {
  const setCookies = sessionSetCookies(response);
  const written = setCookies.map(cookieOf).filter((cookie) => cookie.value !== "");
  if (written.length === 0) return;
  const cookie = written.map(({ name, value }) => `${name}=${value}`).join("; ");
  const facts = await sessionFacts(new NextRequest(request.url, { headers: { cookie } }));
  const next = facts?.refreshTokenHash ?? null;
  if (next === null || next === spent) return;
  memory.remember(spent, next, { requestCookies: written, setCookies });
}
