/**
 * The value below which `p` percent of the samples fall (nearest rank), 0 for no samples.
 *
 * @example
 * percentile([5, 1, 4, 2, 3], 50); // 3
 * percentile([5, 1, 4, 2, 3], 99); // 5
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1] ?? 0;
}

/**
 * The order in which to visit `items` in each round: forwards, then backwards, and so on
 * (A B C, C B A, A B C…), so that load that rises or falls during the run weighs on every item
 * alike instead of on the ones measured last.
 *
 * @example
 * roundOrder(["a", "b", "c"], 2); // [["a", "b", "c"], ["c", "b", "a"]]
 */
export function roundOrder<T>(items: readonly T[], rounds: number): T[][] {
  return Array.from({ length: rounds }, (_, round) =>
    round % 2 === 0 ? [...items] : [...items].reverse(),
  );
}

/**
 * The middle value (the mean of the two middle ones for an even count), 0 for no samples: the
 * throughput verdict is judged on the median of the rounds' ratios, so one disturbed round
 * neither passes nor fails a route on its own.
 *
 * @example
 * median([0.93, 0.71, 0.95]); // 0.93
 * median([1, 2, 3, 4]); // 2.5
 */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? 0) + upper) / 2;
}
