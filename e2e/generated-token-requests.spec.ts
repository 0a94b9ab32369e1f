import { expect, signedInContext, test } from "@/e2e/fixtures";
import {
  failureMessage,
  FIXED_SEED,
  randomSeed,
  type SurfaceProperty,
} from "@/test-support/surface-property";
import { suiteBaseUrl } from "@/test-support/target";
import { tokenRouteProperty } from "@/test-support/token-route-property";

// Generated requests against the token route of the suite's app, with and without the session of
// one signed-in browser (`test-support/token-route-property.ts`; `npm run fuzz` runs 10,000 on
// servers of its own). The random seed is printed, not put in the title: Playwright lists the
// tests in one process and runs them in another, and each would draw its own.

const CASES = 300;
const replay = "npx playwright test e2e/generated-token-requests.spec.ts";

let property: SurfaceProperty;
let close: () => Promise<void>;

test.beforeAll(async ({ browser }) => {
  const context = await signedInContext(browser);
  close = () => context.close();
  // From here on the property keeps the session: it sends it and stores what the app writes.
  property = tokenRouteProperty(suiteBaseUrl, await context.cookies());
});

test.afterAll(async () => {
  await close();
});

for (const [which, seed] of [
  ["the fixed seed", FIXED_SEED],
  ["this run's own seed (printed)", randomSeed],
] as const) {
  test(`token route over HTTP: ${CASES} generated requests from ${which}`, async () => {
    test.setTimeout(60_000);
    console.log(`[generated token requests] seed ${seed} (FUZZ_SEED=${seed} ${replay})`);
    const details = await property.check({ numRuns: CASES, seed });
    expect(details.failed, failureMessage(details, seed, replay)).toBe(false);
    expect(property.statuses?.(), "the requests reached every kind of answer").toEqual(
      expect.arrayContaining([200, 400, 401, 403, 405]),
    );
  });
}
