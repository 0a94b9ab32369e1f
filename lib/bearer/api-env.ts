import "server-only";
import { parseEnv } from "../env";

/** What the demo APIs need from the environment, and nothing more. */
export type ApiEnv = {
  /** The exact `iss` that tokens must carry, e.g. `https://tenant.auth0.com/`. */
  issuerUrl: string;
  /** The one origin allowed to call the APIs from a browser (CORS). */
  appOrigin: string;
};

let cached: ApiEnv | undefined;

/**
 * Reads the environment on first use and keeps it for the life of the process.
 *
 * Lazy on purpose: `next build` imports route modules without the runtime environment, so
 * reading it at import time would fail the build (and tests set it before the first request).
 *
 * @example
 * const { issuerUrl } = apiEnv();
 * const jwksUrl = new URL(".well-known/jwks.json", issuerUrl);
 */
export function apiEnv(): ApiEnv {
  if (!cached) {
    const env = parseEnv(process.env);
    cached = { issuerUrl: env.issuerUrl, appOrigin: new URL(env.appBaseUrl).origin };
  }
  return cached;
}
