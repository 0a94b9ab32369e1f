import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { pureSurfaces } from "./pure-properties";

/** The same cases every run, so a failure is the code's, not the draw's. */
const FIXED_SEED = 20_261_205;
/** Plus one draw of its own per run, printed so that a failure it finds can be replayed. */
const randomSeed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const CASES = 300;

describe("generated inputs against the pure surfaces (fast-check)", () => {
  for (const { surface, check } of pureSurfaces) {
    for (const seed of [FIXED_SEED, randomSeed]) {
      test(`${surface}: ${CASES} cases, seed ${seed}`, async () => {
        const details = await check({ numRuns: CASES, seed });
        assert.equal(
          details.failed,
          false,
          `${fc.defaultReportMessage(details) ?? "failed"}\nReplay: FUZZ_SEED=${seed} npm run test:unit`,
        );
      });
    }
  }
});
