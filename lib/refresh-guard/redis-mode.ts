import "server-only";
import type { SessionData } from "@auth0/nextjs-auth0/types";
import type { NextRequest } from "next/server";
import type { KeyedLock } from "@/lib/refresh-guard/keyed-lock";
import { factsOf, mayRefreshFor, type ReadSession } from "@/lib/refresh-guard/session-facts";

/** What the Redis mode works with. */
export type RedisModeParts = {
  readSession: ReadSession;
  /** The session's id in the store, or `null` for a session that did not come from it. */
  sessionId: (session: SessionData | null) => string | null;
  /** One lock per session id, in this process. */
  locks: KeyedLock;
  /** One lock per session id across instances (`RedisLock.run`). */
  sharedLocks: { run<T>(id: string, task: () => Promise<T>): Promise<T> };
};

/**
 * The guard with sessions in Redis: one refresh at a time per session, across instances. The lock
 * is taken in this process first, so that one instance's waiters queue here instead of polling
 * Redis side by side; a request that waits too long gets a 503 (`LockWaitTimeoutError`).
 *
 * @example
 * const response = await guardRedisSession(request, handle, audience, parts);
 */
// #region refresh-guard-redis
export async function guardRedisSession<R extends Response>(
  request: NextRequest,
  handle: () => Promise<R>,
  audience: string | undefined,
  { readSession, sessionId, locks, sharedLocks }: RedisModeParts,
): Promise<R> {
  const session = await readSession(request);
  const id = sessionId(session);
  if (!session?.tokenSet.refreshToken || id === null) return handle();
  if (audience !== undefined && !mayRefreshFor(factsOf(session), audience)) return handle();
  return locks.run(`session:${id}`, () => sharedLocks.run(id, handle));
}
// #endregion
