import "server-only";

/**
 * An in-process mutex per key: `run(key, task)` waits until every earlier task of the same key
 * has settled, then runs `task`. Tasks of different keys never wait for each other. A task that
 * throws releases the key like one that returns. Keys whose queue is empty are forgotten, so the
 * map holds only keys with a task running or waiting.
 *
 * One process only: with several instances, the lock must live where they all see it (Redis).
 *
 * @example
 * const locks = new KeyedLock();
 * await Promise.all([locks.run("a", refresh), locks.run("a", refresh)]); // one after the other
 */
export class KeyedLock {
  /** The last task queued per key: the next one waits for it. */
  private readonly tails = new Map<string, Promise<void>>();

  /** Keys with a task running or waiting. */
  get size(): number {
    return this.tails.size;
  }

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release = () => {};
    const done = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => done);
    this.tails.set(key, tail);
    await previous;
    try {
      return await task();
    } finally {
      release();
      // Nobody queued behind this task: forget the key.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
