/**
 * The Payments API's memory of DPoP proofs already used (RFC 9449 §11.1): a proof's `jti` is
 * accepted once per key while the proof could still be accepted at all (its `iat` window).
 *
 * In memory, per server instance. Several instances behind a load balancer would each accept the
 * same proof once: they need one shared store instead (for example Redis `SET key 1 NX EX <s>`,
 * which is this class's `firstUse` in one command), or a server nonce short enough to make
 * replays across instances useless.
 */
import "server-only";

/** What the memory says of a proof: seen for the first time, a replay, or no room to remember it. */
export type ProofUse = "first" | "replay" | "busy";

type Entry = { owner: string; expiresAt: number };

/**
 * Remembers `jti`s until they expire: at most `capacity` in all and `perOwner` per key. A live
 * entry is never forgotten to make room, or flooding the memory would let a used proof through
 * again: when there is no room, the proof is refused as `busy` (the caller answers 503) until
 * entries expire. The cap per key keeps one client from taking the room of every other.
 *
 * @example
 * const seen = new ReplayStore({ capacity: 100_000, perOwner: 5_000 });
 * seen.firstUse(`${jkt}:${jti}`, jkt, iat + 61); // "first", then "replay" for the same proof
 */
export class ReplayStore {
  readonly #entries = new Map<string, Entry>();
  readonly #perOwner = new Map<string, number>();

  constructor(private readonly limits: { capacity: number; perOwner: number }) {}

  /** Whether `key` (of `owner`'s key) is seen for the first time before `expiresAt` (seconds). */
  firstUse(
    key: string,
    owner: string,
    expiresAt: number,
    nowSeconds = Date.now() / 1000,
  ): ProofUse {
    this.#forgetExpired(nowSeconds);
    if (this.#entries.has(key)) return "replay";
    const owned = this.#perOwner.get(owner) ?? 0;
    if (this.#entries.size >= this.limits.capacity || owned >= this.limits.perOwner) return "busy";
    this.#entries.set(key, { owner, expiresAt });
    this.#perOwner.set(owner, owned + 1);
    return "first";
  }

  /** Seconds until the oldest entry expires (room is made then), at least 1. */
  secondsUntilRoom(nowSeconds = Date.now() / 1000): number {
    const oldest = this.#entries.values().next().value;
    return Math.max(1, Math.ceil((oldest?.expiresAt ?? nowSeconds) - nowSeconds));
  }

  get size(): number {
    return this.#entries.size;
  }

  // Entries arrive in roughly expiry order, so the expired ones are at the front.
  #forgetExpired(nowSeconds: number): void {
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt >= nowSeconds) break;
      this.#entries.delete(key);
      const left = (this.#perOwner.get(entry.owner) ?? 1) - 1;
      if (left > 0) this.#perOwner.set(entry.owner, left);
      else this.#perOwner.delete(entry.owner);
    }
  }
}
