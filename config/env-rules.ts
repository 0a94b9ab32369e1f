import { z } from "zod";
import { localClient } from "@/config/local-client";

/**
 * The rules for the variables that both the app (`lib/env/server-env.ts`) and the local authorization server
 * (`local-issuer/env.ts`) read. Both parse them with these schemas, so a value is accepted or
 * refused by both, with the same message naming the variable and the fix.
 */

/**
 * Unset and blank are the same: both mean "use the default".
 *
 * @example
 * z.preprocess(blankToUndefined, z.string().optional()).parse("  "); // undefined
 */
export function blankToUndefined(value: unknown): unknown {
  return typeof value === "string" ? value.trim() || undefined : value;
}

/**
 * An http(s) URL the app is served from; `name` is the variable (or entry) that holds it.
 *
 * @example
 * appOrigin("APP_BASE_URL").parse("http://localhost:3000");
 */
export function appOrigin(name: string) {
  return z.url({
    protocol: /^https?$/,
    error:
      `${name} must be an http(s) URL, the app's origin, ` +
      `for example ${localClient.defaultAppBaseUrl}`,
  });
}

const portRange = "LOCAL_ISSUER_PORT must be between 0 and 65535";

export const envRules = {
  /** The app's origin; the local server accepts redirects to `<it>/auth/callback`. */
  APP_BASE_URL: z.preprocess(
    blankToUndefined,
    appOrigin("APP_BASE_URL").default(localClient.defaultAppBaseUrl),
  ),
  /** Where the local server listens (`0`: any free port, which only the server itself knows). */
  LOCAL_ISSUER_PORT: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({
        error: `LOCAL_ISSUER_PORT must be a port number, for example ${localClient.defaultIssuerPort}`,
      })
      .int(`LOCAL_ISSUER_PORT must be a whole number, for example ${localClient.defaultIssuerPort}`)
      .min(0, portRange)
      .max(65535, portRange)
      .default(localClient.defaultIssuerPort),
  ),
};
