import "server-only";
import type { LogoutToken, SessionData, SessionDataStore } from "@auth0/nextjs-auth0/types";
import { storeCall, type RedisClient } from "@/lib/sessions/redis-client";
import { indexedSessionIds, indexKeys, writeIndexes } from "@/lib/sessions/redis-session-indexes";
import { TOUCH, UPDATE } from "@/lib/sessions/redis-session-scripts";
import { sessionTtlMs } from "@/lib/sessions/session-lifetime";

/**
 * The SDK's session store on Redis (`REDIS_URL`): the cookie holds only a session id, and the
 * session itself — every audience's tokens, the refresh token — lives in Redis, shared by every
 * instance of the app. Three things the SDK does not do for us:
 *
 * - **Versioned writes.** A session read before a refresh and written after it (a page that rolls
 *   the session while the token route refreshes) would put the spent refresh token back, and the
 *   next refresh would be a reuse. Each record carries a version; `get` tags the session it
 *   returns with it, and a write of a changed session lands only if the version is still the one
 *   it read (one Lua script, atomic). Every change that matters is made under the session's
 *   refresh lock (`lib/refresh-guard/`), so only stale writes are refused.
 * - **No write per page view.** A rolled session that did not change is not written again, only
 *   its expiry moved, and that at most once per `touchIntervalSeconds`.
 * - **Expiry and back-channel logout.** Each record expires with the session (absolute and
 *   inactivity durations, and the session's own ceiling), and small indexes by `sid` and `sub`
 *   (`redis-session-indexes.ts`) let a logout token end the session on every instance.
 */

/** Where `get` leaves what it read, for `update` to compare. A symbol: never stored, but spread. */
const READ = Symbol("redis-session-read");

type ReadMark = { id: string; version: string; data: string; touchedAt: number };
type TaggedSession = SessionData & { [READ]?: ReadMark };

export type RedisSessionStoreOptions = {
  /** The connected client, on first use (`redisClient(url)`). */
  client: () => Promise<RedisClient>;
  /** Seconds a session lives at most from sign-in (the SDK's `absoluteDuration`). */
  absoluteDuration: number;
  /** Seconds a session lives without a request (the SDK's `inactivityDuration`). */
  inactivityDuration: number;
  /** An unchanged session's expiry is moved at most this often, in seconds. Default 60. */
  touchIntervalSeconds?: number;
  /** Key prefix, so several apps can share one Redis. Default `"session"`. */
  prefix?: string;
  now?: () => number;
};

/** What a write did, for the tests and the benchmark: written, moved expiry, refused, skipped. */
export type WriteCounts = { written: number; touched: number; refused: number; skipped: number };

/**
 * @example
 * const store = new RedisSessionStore({ client, absoluteDuration: 259200, inactivityDuration: 86400 });
 * new Auth0Client({ ..., sessionStore: store });
 */
export class RedisSessionStore implements SessionDataStore {
  readonly counts: WriteCounts = { written: 0, touched: 0, refused: 0, skipped: 0 };
  private readonly options: Required<Omit<RedisSessionStoreOptions, "client">>;
  private readonly client: () => Promise<RedisClient>;

  constructor({ client, ...options }: RedisSessionStoreOptions) {
    this.client = client;
    this.options = { touchIntervalSeconds: 60, prefix: "session", now: Date.now, ...options };
  }

  async get(id: string): Promise<SessionData | null> {
    const record = await storeCall(async () => (await this.client()).hGetAll(this.key(id)));
    if (!record.data || !record.version) return null;
    const session = JSON.parse(record.data) as TaggedSession;
    session[READ] = {
      id,
      version: record.version,
      data: record.data,
      touchedAt: Number(record.touchedAt ?? 0),
    };
    return session;
  }

  /**
   * One field of the session's record, or `null` when there is no such session: one `HGET`, not
   * the whole session. `version` changes with every write of the session, `touchedAt` (epoch
   * seconds) whenever its expiry moves.
   */
  async recordField(id: string, field: "version" | "touchedAt"): Promise<string | null> {
    const value = await storeCall(async () => (await this.client()).hGet(this.key(id), field));
    return value ?? null;
  }

  /** A new session (sign-in): written whole, version 1. */
  async set(id: string, session: SessionData): Promise<void> {
    const ttlMs = this.ttlMs(session);
    if (ttlMs <= 0) return;
    const key = this.key(id);
    await storeCall(async () =>
      (await this.client())
        .multi()
        .del(key)
        .hSet(key, { data: JSON.stringify(session), version: "1", touchedAt: this.nowSeconds() })
        .pExpire(key, ttlMs)
        .exec(),
    );
    this.counts.written += 1;
    await writeIndexes(this.client, this.indexes, id, session, ttlMs);
  }

  /**
   * Every write of an existing session. `false` tells the SDK not to send the cookie: the session
   * is gone (signed out elsewhere), or the write is stale and must not land.
   */
  async update(id: string, session: SessionData): Promise<boolean> {
    const read = (session as TaggedSession)[READ];
    const data = JSON.stringify(session);
    const ttlMs = this.ttlMs(session);
    if (ttlMs <= 0) {
      await this.delete(id);
      return false;
    }
    if (read?.id === id && read.data === data) {
      if (this.nowSeconds() - read.touchedAt < this.options.touchIntervalSeconds) {
        this.counts.skipped += 1;
        return true;
      }
      const { sub } = session.user;
      const sid = session.internal.sid;
      const indexes = [this.indexes.sub(sub), ...(sid ? [this.indexes.sid(sid)] : [])];
      const touched = await storeCall(async () =>
        (await this.client()).eval(TOUCH, {
          keys: [this.key(id), ...indexes],
          arguments: [String(this.nowSeconds()), String(ttlMs), id],
        }),
      );
      this.counts.touched += 1;
      return touched === 1;
    }
    const version = read?.id === id ? read.version : "";
    const result = await storeCall(async () =>
      (await this.client()).eval(UPDATE, {
        keys: [this.key(id)],
        arguments: [version, data, String(this.nowSeconds()), String(ttlMs)],
      }),
    );
    if (result === -1) {
      this.counts.refused += 1;
      return false;
    }
    if (result !== 1) return false;
    this.counts.written += 1;
    await writeIndexes(this.client, this.indexes, id, session, ttlMs);
    return true;
  }

  async delete(id: string): Promise<void> {
    await storeCall(async () => (await this.client()).del(this.key(id)));
  }

  /**
   * Back-channel logout: ends the sessions of `sid`, or every session of `sub` when the token
   * names no session; a session whose user is not `sub` is left alone.
   */
  async deleteByLogoutToken(token: LogoutToken): Promise<void> {
    const { sub, sid } = token;
    for (const id of await indexedSessionIds(this.client, this.indexes, token)) {
      const session = await this.get(id);
      if (!session || (sub && session.user.sub !== sub)) continue;
      if (!sid || session.internal.sid === sid) await this.delete(id);
    }
  }

  private ttlMs(session: SessionData): number {
    return sessionTtlMs(session, this.options, this.nowSeconds());
  }

  private get indexes() {
    return indexKeys(this.options.prefix);
  }

  private key(id: string): string {
    return `${this.options.prefix}:${id}`;
  }

  private nowSeconds(): number {
    return Math.floor(this.options.now() / 1000);
  }
}

/**
 * The session id that `RedisSessionStore.get` read `session` under, or `null` for a session that
 * did not come from it: the refresh guard's lock key in Redis mode.
 *
 * @example
 * const id = redisSessionId(await auth0().getSession(request));
 */
export function redisSessionId(session: SessionData | null): string | null {
  return (session as TaggedSession | null)?.[READ]?.id ?? null;
}
