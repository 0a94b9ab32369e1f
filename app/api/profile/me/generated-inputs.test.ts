import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { profileApiProperty } from "@/test-support/api-properties";
import { startApiRouteIssuer } from "@/test-support/api-route-issuer";
import { FIXED_SEED, randomSeed } from "@/test-support/pure-properties";

const issuer = await startApiRouteIssuer();
const routes = await import("./route");
const CASES = 200;

describe("generated requests against the Profile API (fast-check)", () => {
  for (const seed of [FIXED_SEED, randomSeed]) {
    test(`${CASES} cases, seed ${seed}`, async () => {
      const details = await profileApiProperty(issuer, routes).check({ numRuns: CASES, seed });
      assert.equal(details.failed, false, fc.defaultReportMessage(details) ?? "failed");
    });
  }
});
