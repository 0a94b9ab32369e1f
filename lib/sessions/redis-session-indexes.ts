import "server-only";
import type { LogoutToken, SessionData } from "@auth0/nextjs-auth0/types";
import { storeCall, type RedisClient } from "@/lib/sessions/redis-client";

/**
 * The Redis session store's indexes, by which a logout token from the authorization server finds
 * the sessions it ends on every instance: `by-sid:<sid>` names the session of one sign-in, and
 * `by-sub:<sub>` (a set) every session of a user. They expire with the sessions they name.
 */

/** Where the indexes of a store live: its key prefix. */
export const indexKeys = (prefix: string) => ({
  sid: (sid: string) => `${prefix}:by-sid:${sid}`,
  sub: (sub: string) => `${prefix}:by-sub:${sub}`,
});

type IndexKeys = ReturnType<typeof indexKeys>;

/**
 * Writes the indexes of session `id` after the session was written, for as long as it lives.
 *
 * @example
 * await writeIndexes(client, indexKeys("session"), id, session, ttlMs);
 */
export async function writeIndexes(
  client: () => Promise<RedisClient>,
  keys: IndexKeys,
  id: string,
  session: SessionData,
  ttlMs: number,
): Promise<void> {
  const sid = session.internal.sid;
  const subKey = keys.sub(session.user.sub);
  await storeCall(async () => {
    const batch = (await client()).multi().sAdd(subKey, id).pExpire(subKey, ttlMs, "GT");
    // A new key has no expiry, which GT treats as infinite: give it one.
    batch.pExpire(subKey, ttlMs, "NX");
    if (sid) batch.set(keys.sid(sid), id, { expiration: { type: "PX", value: ttlMs } });
    return batch.exec();
  });
}

/**
 * The ids of the sessions a logout token may name: the one its `sid` index names, and every one
 * of its user's; the caller checks each session before it ends it. The user's index is read
 * too, so a session whose sid index is gone (or names a newer session of that sid) still ends.
 *
 * @example
 * for (const id of await indexedSessionIds(client, keys, logoutToken)) ...
 */
export async function indexedSessionIds(
  client: () => Promise<RedisClient>,
  keys: IndexKeys,
  { sub, sid }: LogoutToken,
): Promise<string[]> {
  const [bySid, bySub] = await storeCall(async () => {
    const connected = await client();
    return Promise.all([
      sid ? connected.get(keys.sid(sid)) : null,
      sub ? connected.sMembers(keys.sub(sub)) : [],
    ]);
  });
  return [...new Set([bySid, ...bySub])].filter((id): id is string => Boolean(id));
}
