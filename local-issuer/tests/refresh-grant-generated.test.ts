/**
 * Generated refresh_token grants against the real issuer's token endpoint
 * (`test-support/refresh-grant-properties.ts`): OAuth errors only, never a 5xx, and never a token
 * beyond Auth0's MRRT rules. `npm run fuzz` runs 10,000 of them.
 */
import { after, describe } from "node:test";
import { startRefreshGrantIssuer } from "@/test-support/refresh-grant-issuer";
import { refreshGrantProperty } from "@/test-support/refresh-grant-properties";
import { testSurface } from "@/test-support/surface-tests";

const fixture = await startRefreshGrantIssuer();
after(() => fixture.issuer.dispose());

describe("generated refresh grants against the local issuer (fast-check)", () => {
  testSurface(refreshGrantProperty(fixture), 300);
});
