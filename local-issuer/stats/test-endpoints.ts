import type { Middleware } from "koa";
import type { IssuerStats } from "./issuer-stats";

/**
 * `GET /__test/stats`: the grant counters as JSON, for tests that check what reached the
 * authorization server (how many refreshes per audience, how many `invalid_grant`). Mounted only
 * when `LOCAL_ISSUER_TEST_ENDPOINTS=true`; otherwise the path is a plain 404.
 *
 * @example
 * provider.use(testEndpoints(stats));
 */
export function testEndpoints(stats: IssuerStats): Middleware {
  return async (ctx, next) => {
    if (ctx.method !== "GET" || ctx.path !== "/__test/stats") return next();
    ctx.set("Cache-Control", "no-store");
    ctx.body = stats.snapshot();
  };
}
