import "server-only";
import { serverEnv } from "@/lib/env";

/** What the demo APIs need from the environment, and nothing more. */
export type ApiEnv = {
  /** The exact `iss` that tokens must carry, e.g. `https://tenant.auth0.com/`. */
  issuerUrl: string;
  /** The one origin allowed to call the APIs from a browser (CORS). */
  appOrigin: string;
};

/**
 * The demo APIs' view of the environment, read on first use (see `serverEnv`): tests set it
 * before the first request.
 *
 * @example
 * const { issuerUrl } = apiEnv();
 * const jwksUrl = new URL(".well-known/jwks.json", issuerUrl);
 */
export function apiEnv(): ApiEnv {
  const env = serverEnv();
  return { issuerUrl: env.issuerUrl, appOrigin: new URL(env.appBaseUrl).origin };
}
