/**
 * Test-only: the set-up that every route handler test of the demo APIs shares.
 */
import { after } from "node:test";
import { startJwksIssuer } from "./jwks-issuer";
import type { JwksIssuer } from "./jwks-issuer";

/** The app origin the tests configure, and so the one origin CORS allows. */
export const TEST_APP_ORIGIN = "http://localhost:3000";

/**
 * Starts a test issuer, points the app's environment at it (as a local issuer), and closes it
 * when the test file is done. Call it before the route's first request: routes read the
 * environment once, on that request.
 *
 * @example
 * const issuer = await startApiRouteIssuer();
 * const { GET } = await import("./route");
 */
export async function startApiRouteIssuer(): Promise<JwksIssuer> {
  const issuer = await startJwksIssuer();
  after(() => issuer.close());
  process.env.AUTH0_DOMAIN = issuer.domain;
  process.env.APP_BASE_URL = TEST_APP_ORIGIN;
  return issuer;
}
