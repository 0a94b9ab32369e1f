import "server-only";
import type { SessionData } from "@auth0/nextjs-auth0/types";
import type { NextRequest } from "next/server";
import type { KeyedLock } from "@/lib/refresh-guard/keyed-lock";
import { refreshFailed } from "@/lib/refresh-guard/refused-refresh";
import { factsOf, mayRefreshFor } from "@/lib/refresh-guard/session-facts";
import { RefreshFailedWhileWaitingError } from "@/lib/sessions/refresh-failures";

/**
 * How long a request may wait for its session's locks, in this process and in Redis together,
 * before it answers 503 `session_busy`: longer than the SDK's refresh may take (its HTTP timeout,
 * 5 s), so a waiter behind a slow refresh that succeeds still gets its token.
 */
const WAIT_DEADLINE_MS = 6_000;

/** What the Redis mode works with. */
export type RedisModeParts = {
  /** The id of the session the request's cookie names, or `null` (kept by the cookie's bytes). */
  sessionIdOf: (request: NextRequest) => Promise<string | null>;
  /** The stored session of `id` (the store's `get`), or `null`. */
  readSession: (id: string) => Promise<SessionData | null>;
  /** One lock per session id, in this process. */
  locks: KeyedLock;
  /** One lock per session id across instances (`RedisLock.run`). */
  sharedLocks: {
    run<T>(id: string, task: () => Promise<T>, options: { waitMs: number }): Promise<T>;
  };
  /** The last failed refresh of each session, across instances (`RefreshFailures`). */
  failures: { last(id: string): Promise<string | null>; record(id: string): Promise<void> };
  /** How long a request may wait for both locks; `WAIT_DEADLINE_MS` unless a test says. */
  waitMs?: number;
};

/**
 * The guard with sessions in Redis: one refresh at a time per session, across instances. The lock
 * is taken in this process first, so that one instance's waiters queue here instead of polling
 * Redis side by side. A request waits for both at most `waitMs` in all (`LockWaitTimeoutError`,
 * a 503), and one that waited behind a refresh that failed never sends that refresh token
 * again (`RefreshFailedWhileWaitingError`, a 503 too): it may already be spent.
 *
 * A request whose token is fresh takes no lock. The session's id comes from the cookie's value,
 * kept per value, so the guard's read of the session is one `HGETALL` and no decryption.
 *
 * @example
 * const response = await guardRedisSession(request, handle, audience, parts);
 */
// #region refresh-guard-redis
export async function guardRedisSession<R extends Response>(
  request: NextRequest,
  sdkHandle: () => Promise<R>,
  audience: string | undefined,
  {
    sessionIdOf,
    readSession,
    locks,
    sharedLocks,
    failures,
    waitMs = WAIT_DEADLINE_MS,
  }: RedisModeParts,
): Promise<R> {
  const id = await sessionIdOf(request);
  const session = id === null ? null : await readSession(id);
  if (!session?.tokenSet.refreshToken || id === null) return sdkHandle();
  if (audience !== undefined && !mayRefreshFor(factsOf(session), audience)) return sdkHandle();
  const deadline = Date.now() + waitMs;
  const handle = await refusedAfterAFailure(request, id, sdkHandle, failures);
  return locks.run(
    `session:${id}`,
    () => sharedLocks.run(id, handle, { waitMs: deadline - Date.now() }),
    { waitMs },
  );
}
// #endregion

/**
 * `sdkHandle` for a request that is about to wait for its session's locks: refused when a refresh
 * of the session failed meanwhile, and remembering its own failure for those waiting behind it.
 */
async function refusedAfterAFailure<R extends Response>(
  request: NextRequest,
  id: string,
  sdkHandle: () => Promise<R>,
  failures: RedisModeParts["failures"],
): Promise<() => Promise<R>> {
  const failedBefore = await failures.last(id);
  return async () => {
    if ((await failures.last(id)) !== failedBefore) throw new RefreshFailedWhileWaitingError();
    const answer = await sdkHandle().catch(async (error: unknown) => {
      await failures.record(id).catch(() => {});
      throw error;
    });
    if (await refreshFailed(request, answer)) await failures.record(id);
    return answer;
  };
}
