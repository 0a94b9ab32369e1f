import "server-only";
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { storeCall, type RedisClient } from "@/lib/sessions/redis-client";

/**
 * Thrown to a request that waited `waitMs` for a lock another request (on any instance) holds:
 * it answers 503 with `Retry-After` rather than hang, and rather than refresh without the lock.
 */
export class LockWaitTimeoutError extends Error {
  constructor(readonly waitedMs: number) {
    super(`Another request of this session is still refreshing after ${waitedMs} ms.`);
    this.name = "LockWaitTimeoutError";
  }
}

// Deletes the lock only if it is still ours: after its TTL it may belong to another request.
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

export type RedisLockOptions = {
  /** The connected client, on first use (`redisClient(url)`). */
  client: () => Promise<RedisClient>;
  /**
   * How long a lock lives if its holder never releases it (a crashed instance). Longer than the
   * longest task it guards: the SDK's refresh gives up after its HTTP timeout (5 s).
   */
  ttlMs?: number;
  /** How long a request waits for the lock before `LockWaitTimeoutError`. */
  waitMs?: number;
  /** Pause between two tries, with up to as much random jitter. */
  pollMs?: number;
  prefix?: string;
};

/**
 * A mutex per key across every instance that shares one Redis: `SET key token NX PX ttl` to
 * take it, a compare-and-delete script to release it. With one Redis primary this is the whole
 * algorithm (Redlock is for several independent primaries).
 *
 * @example
 * const locks = new RedisLock({ client });
 * await locks.run(sessionId, () => refresh()); // one refresh of this session at a time, anywhere
 */
export class RedisLock {
  private readonly client: () => Promise<RedisClient>;
  private readonly ttlMs: number;
  private readonly waitMs: number;
  private readonly pollMs: number;
  private readonly prefix: string;

  constructor({
    client,
    ttlMs = 15_000,
    waitMs = 10_000,
    pollMs = 25,
    prefix = "lock",
  }: RedisLockOptions) {
    this.client = client;
    this.ttlMs = ttlMs;
    this.waitMs = waitMs;
    this.pollMs = pollMs;
    this.prefix = prefix;
  }

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const lockKey = `${this.prefix}:${key}`;
    const token = randomUUID();
    const started = Date.now();
    for (;;) {
      const taken = await storeCall(async () =>
        (await this.client()).set(lockKey, token, {
          condition: "NX",
          expiration: { type: "PX", value: this.ttlMs },
        }),
      );
      if (taken === "OK") break;
      if (Date.now() - started >= this.waitMs) throw new LockWaitTimeoutError(Date.now() - started);
      await sleep(this.pollMs + Math.random() * this.pollMs);
    }
    try {
      return await task();
    } finally {
      // A release that fails leaves the lock to its TTL: late, but never wrong.
      await this.client()
        .then((client) => client.eval(RELEASE, { keys: [lockKey], arguments: [token] }))
        .catch(() => {});
    }
  }
}
