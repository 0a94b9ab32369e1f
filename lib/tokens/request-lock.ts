import { withDeadline } from "@/lib/deadlines/with-deadline";
import { documentVisibility, type PageVisibility } from "@/lib/tokens/page-visibility";
import {
  TOKEN_LOCK_TIMEOUT_MS,
  TOKEN_REQUEST_TIMEOUT_MS,
  TokenLockTimeoutError,
  TokenRequestTimeoutError,
} from "@/lib/tokens/token-deadlines";

/**
 * Runs token requests one at a time. Across tabs of the same origin with the Web Locks API
 * (every current browser); where it is missing, within this tab only.
 *
 * Why: every request that makes the server refresh spends the session's rotating refresh token.
 * Two at once send the same one, and the authorization server takes the second for theft.
 *
 * Every wait has a deadline, because one tab that never lets go would otherwise stop token
 * requests in every tab of the origin for good (a hung request, a frozen tab):
 * - a request holds the lock at most `requestTimeoutMs`, then fails with
 *   `TokenRequestTimeoutError` and the lock goes to the next tab;
 * - a request waits for the lock at most `lockTimeoutMs` (longer), then fails with
 *   `TokenLockTimeoutError`;
 * - a tab queues its own requests and takes one place at a time in the cross-tab queue, so that
 *   other tabs take turns with it; when one of its requests times out, those queued behind it
 *   in this tab fail with it rather than hold every other tab for another deadline each;
 * - a hidden tab does not start a request under the lock: it waits until it is shown, and one
 *   hidden while it waited passes the lock on. Browsers run a hidden tab's timers late and a
 *   frozen tab's not at all, and its deadline is one of those timers.
 */
export type RequestLock = <T>(task: () => Promise<T>) => Promise<T>;

/** The lock's name: one per origin, shared by every tab. */
export const TOKEN_LOCK_NAME = "access-token-requests";

/** What the lock uses of the Web Locks API (`navigator.locks`). */
export type LockManagerLike = {
  request<T>(
    name: string,
    options: { signal: AbortSignal },
    callback: () => Promise<T>,
  ): Promise<T>;
};

export type RequestLockOptions = {
  /** The Web Locks API; `null` (or a browser without it): the lock holds within this tab only. */
  locks?: LockManagerLike | null;
  visibility?: PageVisibility;
  /** Longest wait for the cross-tab lock. */
  lockTimeoutMs?: number;
  /** Longest a request may hold it. */
  requestTimeoutMs?: number;
};

/**
 * A lock for the current environment.
 *
 * @example
 * const lock = createRequestLock();
 * const token = await lock(() => fetch("/auth/access-token"));
 */
export function createRequestLock({
  locks = globalThis.navigator?.locks ?? null,
  visibility = documentVisibility(),
  lockTimeoutMs = TOKEN_LOCK_TIMEOUT_MS,
  requestTimeoutMs = TOKEN_REQUEST_TIMEOUT_MS,
}: RequestLockOptions = {}): RequestLock {
  const acrossTabs: RequestLock = locks
    ? (run) => underWebLock(locks, visibility, lockTimeoutMs, run)
    : (run) => run();
  let timeouts = 0;
  const bounded = <T>(task: () => Promise<T>) =>
    withDeadline(task(), requestTimeoutMs, () => {
      timeouts += 1;
      return new TokenRequestTimeoutError(requestTimeoutMs);
    });

  let tail: Promise<unknown> = Promise.resolve();
  return (task) => {
    const timeoutsBefore = timeouts;
    const run = tail.then(() => {
      // A request of this tab ahead of this one timed out while it waited: give up with it.
      if (timeouts !== timeoutsBefore) {
        throw new TokenRequestTimeoutError(requestTimeoutMs, { behind: true });
      }
      return acrossTabs(() => bounded(task));
    });
    // The queue goes on whether this request succeeds or fails.
    tail = run.catch(() => undefined);
    return run;
  };
}

/** Runs `run` under the cross-tab lock, once this tab is visible and the lock is granted. */
async function underWebLock<T>(
  locks: LockManagerLike,
  visibility: PageVisibility,
  lockTimeoutMs: number,
  run: () => Promise<T>,
): Promise<T> {
  for (;;) {
    await visibility.whenVisible();
    // Not AbortSignal.timeout: its timer could not be cleared once the lock is granted.
    const wait = new AbortController();
    const timer = setTimeout(() => wait.abort(), lockTimeoutMs);
    const { signal } = wait;
    let granted = false;
    try {
      const outcome = await locks.request(TOKEN_LOCK_NAME, { signal }, async () => {
        granted = true;
        clearTimeout(timer);
        // Hidden while it waited: give the lock to the next tab and queue again once shown.
        return visibility.hidden() ? null : { value: await run() };
      });
      if (outcome) return outcome.value;
    } catch (error) {
      // The signal only cancels a wait: once granted, an error is the request's own.
      if (!granted && signal.aborted) throw new TokenLockTimeoutError(lockTimeoutMs);
      throw error;
    }
  }
}
