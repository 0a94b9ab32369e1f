import "server-only";
import { withDeadline } from "@/lib/deadlines/with-deadline";
import { LockWaitTimeoutError } from "@/lib/sessions/lock-wait-timeout-error";

/**
 * An in-process mutex per key: `run(key, task)` waits until every earlier task of the same key
 * has settled, then runs `task`. Tasks of different keys never wait for each other. A task that
 * throws releases the key like one that returns. Keys whose queue is empty are forgotten, so the
 * map holds only keys with a task running or waiting.
 *
 * With `waitMs`, a waiter whose turn has not come by then gives up with `LockWaitTimeoutError`
 * and its task never runs; those queued behind it still wait for the tasks ahead of it.
 *
 * One process only: with several instances, the lock must live where they all see it (Redis).
 *
 * @example
 * const locks = new KeyedLock();
 * await Promise.all([locks.run("a", refresh), locks.run("a", refresh)]); // one after the other
 * await locks.run("a", refresh, { waitMs: 6_000 }); // or LockWaitTimeoutError after 6 s
 */
export class KeyedLock {
  /** The last task queued per key: the next one waits for it. */
  private readonly tails = new Map<string, Promise<void>>();

  /** Keys with a task running or waiting. */
  get size(): number {
    return this.tails.size;
  }

  async run<T>(
    key: string,
    task: () => Promise<T>,
    { waitMs }: { waitMs?: number } = {},
  ): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release = () => {};
    const done = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => done);
    this.tails.set(key, tail);
    try {
      await (waitMs === undefined ? previous : settledWithin(previous, waitMs));
    } catch (error) {
      release();
      // The tasks ahead still run: those queued behind keep waiting for them (the tail settles
      // only then), and the key is forgotten only once they have all settled.
      void tail.then(() => this.forget(key, tail));
      throw error;
    }
    try {
      return await task();
    } finally {
      release();
      this.forget(key, tail);
    }
  }

  /** Forgets `key` when nobody queued behind `tail`. */
  private forget(key: string, tail: Promise<void>): void {
    if (this.tails.get(key) === tail) this.tails.delete(key);
  }
}

/** `turn`, or `LockWaitTimeoutError` when it has not come within `waitMs`. */
function settledWithin(turn: Promise<void>, waitMs: number): Promise<void> {
  const started = Date.now();
  return withDeadline(turn, waitMs, () => new LockWaitTimeoutError(Date.now() - started));
}
