import assert from "node:assert/strict";
import { test } from "node:test";
import { failureMessage, FIXED_SEED, randomSeed, type SurfaceProperty } from "./surface-property";

/**
 * Registers a node:test test per seed for one surface: `cases` cases from the fixed seed, then
 * as many from this run's own seed, named in the test's title so a failure can be replayed.
 *
 * @example
 * testSurface(ordersApiProperty(issuer, routes), 200);
 */
export function testSurface(property: SurfaceProperty, cases: number): void {
  for (const seed of [FIXED_SEED, randomSeed]) {
    test(`${property.surface}: ${cases} cases, seed ${seed}`, async () => {
      const details = await property.check({ numRuns: cases, seed });
      assert.equal(details.failed, false, failureMessage(details, seed, "npm run test:unit"));
    });
  }
}
