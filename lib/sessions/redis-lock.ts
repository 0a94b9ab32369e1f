import "server-only";
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { LockWaitTimeoutError } from "@/lib/sessions/lock-wait-timeout-error";
import { storeCall, type RedisClient } from "@/lib/sessions/redis-client";

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

  /** Runs `task` holding the lock of `key`; `waitMs` overrides how long this call may wait. */
  async run<T>(
    key: string,
    task: () => Promise<T>,
    { waitMs = this.waitMs }: { waitMs?: number } = {},
  ): Promise<T> {
    const lockKey = `${this.prefix}:${key}`;
    const token = randomUUID();
    const release = () =>
      storeCall(async () =>
        (await this.client()).eval(RELEASE, { keys: [lockKey], arguments: [token] }),
      );
    const started = Date.now();
    for (;;) {
      const taken = await storeCall(async () =>
        (await this.client()).set(lockKey, token, {
          condition: "NX",
          expiration: { type: "PX", value: this.ttlMs },
        }),
      ).catch((error: unknown) => {
        // A SET that timed out may still be run when a stalled Redis wakes up: the release
        // queued behind it on the same connection takes back a lock nobody would release.
        void release().catch(() => {});
        throw error;
      });
      if (taken === "OK") break;
      if (Date.now() - started >= waitMs) throw new LockWaitTimeoutError(Date.now() - started);
      await sleep(this.pollMs + Math.random() * this.pollMs);
    }
    try {
      return await task();
    } finally {
      // A release that fails leaves the lock to its TTL: late, but never wrong.
      await release().catch(() => {});
    }
  }
}
