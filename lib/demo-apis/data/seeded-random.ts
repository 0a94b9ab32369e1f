/**
 * A repeatable stream of numbers in [0, 1) from a string, so the demo data of a user is the same
 * on every request and every restart, and differs between users. Not for anything secret.
 *
 * @example
 * const next = seededRandom("auth0|123");
 * const pick = ["red", "green"][Math.floor(next() * 2)];
 */
export function seededRandom(seed: string): () => number {
  // FNV-1a folds the string into 32 bits; mulberry32 turns that seed into a sequence.
  let state = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    state = Math.imul(state ^ seed.charCodeAt(i), 0x01000193);
  }
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One element of a non-empty list, chosen by `random`.
 *
 * @example
 * pickFrom(seededRandom("auth0|123"), ["red", "green"] as const); // always the same one
 */
export function pickFrom<Items extends readonly [unknown, ...unknown[]]>(
  random: () => number,
  items: Items,
): Items[number] {
  return items[Math.floor(random() * items.length)] ?? items[0];
}
