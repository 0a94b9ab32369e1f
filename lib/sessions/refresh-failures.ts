import "server-only";
import { randomUUID } from "node:crypto";
import { storeCall, type RedisClient } from "@/lib/sessions/redis-client";

/**
 * Thrown to a request that waited for its session's lock behind a refresh that failed: that
 * refresh may have reached the authorization server (a timeout) and spent the refresh token, so
 * the waiter must not send the same token again. It answers 503 `session_busy` instead.
 */
export class RefreshFailedWhileWaitingError extends Error {
  constructor() {
    super("A refresh of this session failed while this request waited for it.");
    this.name = "RefreshFailedWhileWaitingError";
  }
}

export type RefreshFailuresOptions = {
  /** The connected client, on first use (`redisClient(url)`). */
  client: () => Promise<RedisClient>;
  /** How long a failure is remembered: longer than any request waits for the lock. */
  memoryMs?: number;
  prefix?: string;
};

/**
 * The last failed refresh of each session, in Redis so that waiters on every instance see it:
 * a mark that changes with each failure. A request reads it before it waits for the session's
 * lock and again once it holds it; a different mark means a refresh failed meanwhile.
 *
 * @example
 * const before = await failures.last(id);
 * // … wait for the lock …
 * if ((await failures.last(id)) !== before) throw new RefreshFailedWhileWaitingError();
 */
export class RefreshFailures {
  private readonly client: () => Promise<RedisClient>;
  private readonly memoryMs: number;
  private readonly prefix: string;

  constructor({ client, memoryMs = 60_000, prefix = "refresh-failed" }: RefreshFailuresOptions) {
    this.client = client;
    this.memoryMs = memoryMs;
    this.prefix = prefix;
  }

  /** The mark of the session's last failed refresh, or `null` when none is remembered. */
  last(id: string): Promise<string | null> {
    return storeCall(async () => (await this.client()).get(`${this.prefix}:${id}`));
  }

  async record(id: string): Promise<void> {
    await storeCall(async () =>
      (await this.client()).set(`${this.prefix}:${id}`, randomUUID(), {
        expiration: { type: "PX", value: this.memoryMs },
      }),
    );
  }
}
