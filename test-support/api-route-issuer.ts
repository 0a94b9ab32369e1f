/**
 * Test-only: the set-up that every route handler test of the demo APIs shares.
 */
import assert from "node:assert/strict";
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
  pointAppAtIssuer(issuer);
  return issuer;
}

/**
 * Points the app's environment at `issuer` (as a local issuer), outside a test file too.
 *
 * @example
 * pointAppAtIssuer(await startJwksIssuer());
 */
export function pointAppAtIssuer(issuer: JwksIssuer): void {
  process.env.AUTH0_DOMAIN = issuer.domain;
  process.env.APP_BASE_URL = TEST_APP_ORIGIN;
  // node --test sets no NODE_ENV, and the app counts a missing one as production. (Next.js types
  // NODE_ENV as read-only; only the tests set it.)
  Object.assign(process.env, { NODE_ENV: "test" });
}

/** What every answer of the demo APIs must carry over http (HSTS is for https only). */
const API_SECURITY_HEADERS = {
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
  "X-Content-Type-Options": "nosniff",
  "Cache-Control": "no-store",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
};

/**
 * Fails unless `response` carries the demo APIs' security headers; `what` names it in the message.
 *
 * @example
 * assertApiSecurityHeaders(await GET(request), "200");
 */
export function assertApiSecurityHeaders(response: Response, what: string): void {
  for (const [name, value] of Object.entries(API_SECURITY_HEADERS)) {
    assert.equal(response.headers.get(name), value, `${what}: ${name}`);
  }
}
