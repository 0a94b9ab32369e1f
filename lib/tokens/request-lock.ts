/**
 * Runs token requests one at a time. Across tabs of the same origin with the Web Locks API
 * (every current browser); where it is missing, within this tab through a promise queue.
 *
 * Why: every request that makes the server refresh spends the session's rotating refresh token.
 * Two at once send the same one, and the authorization server takes the second for theft.
 */
export type RequestLock = <T>(task: () => Promise<T>) => Promise<T>;

/** The lock's name: one per origin, shared by every tab. */
export const TOKEN_LOCK_NAME = "access-token-requests";

type LockManagerLike = {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
};

/**
 * A lock for the current environment.
 *
 * @example
 * const lock = createRequestLock();
 * const token = await lock(() => fetch("/auth/access-token"));
 */
export function createRequestLock(
  locks: LockManagerLike | undefined = globalThis.navigator?.locks,
): RequestLock {
  if (locks) return (task) => locks.request(TOKEN_LOCK_NAME, task);
  let tail: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = tail.then(task, task);
    // The queue goes on whether this task succeeds or fails.
    tail = run.catch(() => undefined);
    return run;
  };
}
