import "server-only";
import { rollIntervalSeconds } from "@/config/session";
import { serverEnv } from "@/lib/env/server-env";
import { redisClient } from "@/lib/sessions/redis-client";
import { RedisLock } from "@/lib/sessions/redis-lock";
import { RefreshFailures } from "@/lib/sessions/refresh-failures";
import { RedisSessionStore } from "@/lib/sessions/redis-session-store";
import { SeenLogoutTokens } from "@/lib/sessions/seen-logout-tokens";

export type RedisSessions = {
  store: RedisSessionStore;
  locks: RedisLock;
  refreshFailures: RefreshFailures;
  logoutTokens: SeenLogoutTokens;
};

const byUrl = new Map<string, RedisSessions>();

/**
 * What the app keeps on the Redis at `url` (`REDIS_URL`): the session store, the refresh lock, the
 * memory of failed refreshes and the logout tokens seen, one of each per process. Nothing
 * connects until the first request needs a session.
 *
 * @example
 * const { store, locks, refreshFailures } = redisSessions(serverEnv().redisUrl);
 */
export function redisSessions(url: string): RedisSessions {
  let sessions = byUrl.get(url);
  if (!sessions) {
    const client = () => redisClient(url);
    sessions = {
      store: new RedisSessionStore({
        client,
        ...serverEnv().session,
        touchIntervalSeconds: rollIntervalSeconds(serverEnv().session),
      }),
      locks: new RedisLock({ client }),
      refreshFailures: new RefreshFailures({ client }),
      logoutTokens: new SeenLogoutTokens({ client }),
    };
    byUrl.set(url, sessions);
  }
  return sessions;
}
