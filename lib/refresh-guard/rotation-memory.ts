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

type Entry = RotatedSession & { next: string; expiresAt: number; bytes: number };

/**
 * What an entry takes in the heap, counted high: two bytes per character (V8 may keep a string
 * in two-byte form, or keep the larger string it was cut from), and a fixed cost per string and
 * per entry for the objects around them. A test compares it with the heap's real growth.
 */
export function entryBytes(session: RotatedSession): number {
  const strings = [
    ...session.requestCookies.flatMap(({ name, value }) => [name, value]),
    ...session.setCookies,
  ];
  const characters = strings.reduce((sum, string) => sum + string.length, 0);
  return 2 * characters + 64 * strings.length + 512;
}

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
 * const memory = new RotationMemory({ ttlMs: 60_000, maxBytes: 32 * 1024 * 1024 });
 * memory.remember(hashOfOld, hashOfNew, { requestCookies, setCookies });
 * memory.resolve(hashOfOld)?.refreshTokenHash; // hashOfNew (or newer, after more rotations)
 */
export class RotationMemory {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly maxBytes: number;
  private readonly now: () => number;
  private heldBytes = 0;

  constructor({
    ttlMs,
    maxBytes,
    now = Date.now,
  }: {
    ttlMs: number;
    /** The most the entries may take in the heap, as `entryBytes` counts them. */
    maxBytes: number;
    now?: () => number;
  }) {
    this.ttlMs = ttlMs;
    this.maxBytes = maxBytes;
    this.now = now;
  }

  /** Entries still held (expired ones may count until the next write prunes them). */
  get size(): number {
    return this.entries.size;
  }

  /** What the entries held take, as `entryBytes` counts them. */
  get bytes(): number {
    return this.heldBytes;
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
    this.delete(spent);
    const entry = { ...session, next, expiresAt: now + this.ttlMs, bytes: entryBytes(session) };
    this.entries.set(spent, entry);
    this.heldBytes += entry.bytes;
    while (this.heldBytes > this.maxBytes) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.delete(oldest.value);
    }
  }

  /**
   * Forgets the whole chain the refresh token hashed `hash` belongs to: its newest session and
   * every spent token that leads there. After a sign-out or a refused refresh, no cookie from
   * before may lead to that session again.
   */
  forget(hash: string): void {
    const newest = this.resolve(hash)?.refreshTokenHash ?? hash;
    const leadingTo = new Map<string, string[]>();
    for (const [spent, entry] of this.entries) {
      leadingTo.set(entry.next, [...(leadingTo.get(entry.next) ?? []), spent]);
    }
    const pending = [newest];
    for (let key = pending.pop(); key !== undefined; key = pending.pop()) {
      for (const spent of leadingTo.get(key) ?? []) {
        if (this.entries.has(spent)) pending.push(spent);
        this.delete(spent);
      }
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
      this.delete(key);
    }
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.heldBytes -= entry.bytes;
  }
}
