import "server-only";
import { sessionDurations } from "@/config/session";
import { redisClient } from "@/lib/sessions/redis-client";
import { RedisLock } from "@/lib/sessions/redis-lock";
import { RedisSessionStore } from "@/lib/sessions/redis-session-store";

export type RedisSessions = { store: RedisSessionStore; locks: RedisLock };

const byUrl = new Map<string, RedisSessions>();

/**
 * The session store and the refresh lock of the app on the Redis at `url` (`REDIS_URL`), one pair
 * per process. Nothing connects until the first request needs a session.
 *
 * @example
 * const { store, locks } = redisSessions(serverEnv().redisUrl);
 */
export function redisSessions(url: string): RedisSessions {
  let sessions = byUrl.get(url);
  if (!sessions) {
    const client = () => redisClient(url);
    sessions = {
      store: new RedisSessionStore({ client, ...sessionDurations }),
      locks: new RedisLock({ client }),
    };
    byUrl.set(url, sessions);
  }
  return sessions;
}
