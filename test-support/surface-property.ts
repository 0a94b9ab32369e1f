import fc from "fast-check";

/**
 * One named property per surface an attacker reaches, so that `npm test` (a few hundred cases)
 * and `npm run fuzz` (ten thousand, `scripts/fuzz.ts`) run the same definition.
 */
export type SurfaceProperty = {
  surface: string;
  /** Runs the property: `numRuns` cases from `seed`; the details name a shrunk counterexample. */
  check: (params: { numRuns: number; seed: number }) => Promise<fc.RunDetails<unknown>>;
  /** HTTP surfaces only: the statuses the last `check` was answered with, in order. */
  statuses?: () => number[];
};

/**
 * A named property, run with the given cases and seed. An HTTP surface passes the set its
 * requests add their statuses to: each `check` empties it first, so the report's "distinct
 * statuses" are that run's.
 *
 * @example
 * const surface = surfaceOf("source path check", fc.asyncProperty(fc.string(), async () => true));
 */
export function surfaceOf<T extends unknown[]>(
  surface: string,
  property: fc.IAsyncProperty<T>,
  statuses?: Set<number>,
): SurfaceProperty {
  return {
    surface,
    check: async (params) => {
      statuses?.clear();
      return (await fc.check(property, params)) as fc.RunDetails<unknown>;
    },
    ...(statuses && { statuses: () => [...statuses].sort((a, b) => a - b) }),
  };
}

/**
 * Four cases in five from `usual` (what a real client sends, so the code behind the first checks
 * runs too), the fifth from `others` (anything).
 *
 * @example
 * const methods = mostly(fc.constant("GET"), fc.constantFrom("POST", "HEAD"));
 */
export function mostly<T>(usual: fc.Arbitrary<T>, others: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.oneof({ arbitrary: usual, weight: 4 }, { arbitrary: others, weight: 1 });
}

/** The same cases every run, so a failure is the code's, not the draw's. */
export const FIXED_SEED = 20_261_205;
/** Plus one draw of its own per run, named in the test's title: `FUZZ_SEED=<seed>` replays it. */
export const randomSeed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));

/**
 * The message of a failed run: fast-check's shrunk counterexample, and how to replay it.
 *
 * @example
 * assert.equal(details.failed, false, failureMessage(details, seed, "npm run test:unit"));
 */
export function failureMessage(
  details: fc.RunDetails<unknown>,
  seed: number,
  command: string,
): string {
  return `${fc.defaultReportMessage(details) ?? "failed"}\nReplay: FUZZ_SEED=${seed} ${command}`;
}
