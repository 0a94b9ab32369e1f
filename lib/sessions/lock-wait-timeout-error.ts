import "server-only";

/**
 * Thrown to a request that waited `waitedMs` for a lock held by another request of its session
 * (in this process, or on any instance through Redis): it answers 503 `session_busy` with
 * `Retry-After` (`session-failure.ts`) rather than hang, and rather than refresh without the lock.
 */
export class LockWaitTimeoutError extends Error {
  constructor(readonly waitedMs: number) {
    super(`Another request of this session is still refreshing after ${waitedMs} ms.`);
    this.name = "LockWaitTimeoutError";
  }
}
