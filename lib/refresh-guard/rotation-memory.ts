import "server-only";

/**
 * The session that a refresh wrote, as the browser should have received it: the `__session*`
 * cookies to put in a later request, and the `Set-Cookie` headers to send back with its answer.
 */
export type RotatedSession = {
  /** The new session's cookies, as a request carries them (chunks included). */
  requestCookies: { name: string; value: string }[];
  /** The SDK's `Set-Cookie` headers for the new session, chunk deletions included. */
  setCookies: string[];
};

/** Where a spent refresh token leads: the newest session, and the hash of its refresh token. */
export type Rotation = RotatedSession & { refreshTokenHash: string };

type Entry = RotatedSession & { next: string; expiresAt: number };

/**
 * A short-lived, bounded memory of refresh token rotations: `hash(spent refresh token) → the
 * session that replaced it`. It lets a request that still carries a spent refresh token (its
 * browser never received the refresh's answer, or a page rolled the old cookie back) go on with
 * the new session instead of spending the old token a second time, which a rotating
 * authorization server takes for theft and answers by revoking the whole grant.
 *
 * Keyed by the refresh token's hash only: the only way to reach a session here is to present,
 * inside a cookie the server encrypted, the refresh token it replaced. Never by audience, user
 * or anything two sessions can share (SDK issue #2382 leaked tokens across sessions that way).
 *
 * @example
 * const memory = new RotationMemory({ ttlMs: 60_000, maxEntries: 10_000 });
 * memory.remember(hashOfOld, hashOfNew, { requestCookies, setCookies });
 * memory.resolve(hashOfOld)?.refreshTokenHash; // hashOfNew (or newer, after more rotations)
 */
export class RotationMemory {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor({
    ttlMs,
    maxEntries,
    now = Date.now,
  }: {
    ttlMs: number;
    maxEntries: number;
    now?: () => number;
  }) {
    this.ttlMs = ttlMs;
    this.maxEntries = maxEntries;
    this.now = now;
  }

  /** Entries still held (expired ones may count until the next write prunes them). */
  get size(): number {
    return this.entries.size;
  }

  /**
   * Records that the refresh token hashed `spent` was replaced by the one hashed `next`, in
   * `session`. The oldest entries go first when the memory is full: a Map keeps insertion
   * order, and every entry lives equally long, so the oldest is also the first to expire.
   */
  remember(spent: string, next: string, session: RotatedSession): void {
    if (spent === next) return;
    const now = this.now();
    this.prune(now);
    // Re-inserted at the end: a key seen again is young again.
    this.entries.delete(spent);
    this.entries.set(spent, { ...session, next, expiresAt: now + this.ttlMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }

  /**
   * The newest session reachable from the refresh token hashed `hash`, following chained
   * rotations (old → new → newer), or `null` when it was never replaced (or too long ago).
   */
  resolve(hash: string): Rotation | null {
    const now = this.now();
    let found: Rotation | null = null;
    let current = hash;
    // A chain can never be longer than the memory; the bound also stops a cycle.
    for (let step = 0; step <= this.entries.size; step += 1) {
      const entry = this.entries.get(current);
      if (!entry || entry.expiresAt <= now) break;
      found = {
        requestCookies: entry.requestCookies,
        setCookies: entry.setCookies,
        refreshTokenHash: entry.next,
      };
      current = entry.next;
    }
    return found;
  }

  private prune(now: number): void {
    for (const [key, entry] of this.entries) {
      // Insertion order is expiry order: stop at the first live entry.
      if (entry.expiresAt > now) break;
      this.entries.delete(key);
    }
  }
}
