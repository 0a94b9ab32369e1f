import "server-only";
import { serverEnv } from "@/lib/env/server-env";

/**
 * The demo APIs' view of the environment: whose tokens they accept, and the one origin CORS
 * allows. Read at request time, never at import (see `serverEnv`): tests set it before the first
 * request.
 *
 * @example
 * const { issuerUrl, appOrigin } = apiEnv();
 */
export function apiEnv(): { issuerUrl: string; appOrigin: string } {
  const env = serverEnv();
  return { issuerUrl: env.issuerUrl, appOrigin: new URL(env.appBaseUrl).origin };
}
