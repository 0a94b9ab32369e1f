import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { FIXED_SEED, pureSurfaces, randomSeed } from "./pure-properties";
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
