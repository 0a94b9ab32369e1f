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

/**
 * Remembers `jti`s until they expire, at most `capacity` of them. Only proofs that passed every
 * other check (a valid token bound to their key) are recorded, so filling it takes valid tokens;
 * when it is full anyway, the oldest entries are forgotten first.
 *
 * @example
 * const seen = new ReplayStore(10_000);
 * seen.firstUse(`${jkt}:${jti}`, iat + 60); // true, then false for the same proof
 */
export class ReplayStore {
  readonly #expiries = new Map<string, number>();

  constructor(private readonly capacity: number) {}

  /** True the first time `key` is seen before `expiresAt` (seconds); false for a replay. */
  firstUse(key: string, expiresAt: number, nowSeconds = Date.now() / 1000): boolean {
    const known = this.#expiries.get(key);
    if (known !== undefined && known >= nowSeconds) return false;
    this.#forgetExpired(nowSeconds);
    while (this.#expiries.size >= this.capacity) {
      this.#expiries.delete(this.#expiries.keys().next().value ?? "");
    }
    this.#expiries.set(key, expiresAt);
    return true;
  }

  get size(): number {
    return this.#expiries.size;
  }

  // Entries arrive in roughly expiry order, so the expired ones are at the front.
  #forgetExpired(nowSeconds: number): void {
    for (const [key, expiry] of this.#expiries) {
      if (expiry >= nowSeconds) break;
      this.#expiries.delete(key);
    }
  }
}
