import "server-only";
import { storeCall, type RedisClient } from "@/lib/sessions/redis-client";

/**
 * The back-channel logout tokens this app has accepted, by `jti`, in Redis: `SET NX PX`, so that
 * every instance agrees on which came first, each kept until its token would be refused anyway.
 *
 * @example
 * if (!(await seen.firstSight(jti, acceptedUntilMs))) return refuse("replayed");
 */
export class SeenLogoutTokens {
  private readonly client: () => Promise<RedisClient>;
  private readonly prefix: string;

  constructor({
    client,
    prefix = "logout-token",
  }: {
    client: () => Promise<RedisClient>;
    prefix?: string;
  }) {
    this.client = client;
    this.prefix = prefix;
  }

  /** Records `jti` until `untilMs` (epoch ms); `false` when it was recorded already. */
  async firstSight(jti: string, untilMs: number): Promise<boolean> {
    const taken = await storeCall(async () =>
      (await this.client()).set(`${this.prefix}:${jti}`, "1", {
        condition: "NX",
        expiration: { type: "PX", value: Math.max(1, Math.ceil(untilMs - Date.now())) },
      }),
    );
    return taken === "OK";
  }
}
