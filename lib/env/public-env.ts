import { paths } from "@/config/paths";
import { EnvError } from "@/lib/env/env-error";

/**
 * The `NEXT_PUBLIC_*` configuration: safe for the browser (nothing secret, nothing server-only),
 * validated and defaulted here once, and imported by the client and the server alike.
 */
export type PublicEnv = {
  /** The token route, on both sides: the SDK's handler and the browser's `getAccessToken`. */
  accessTokenRoute: string;
  /** Base URL of the Profile API the browser calls (a path of this app, or another origin). */
  profileApiUrl: string;
  /** Base URL of the Orders API the browser calls. */
  ordersApiUrl: string;
};

type PublicVariable =
  "NEXT_PUBLIC_ACCESS_TOKEN_ROUTE" | "NEXT_PUBLIC_PROFILE_API_URL" | "NEXT_PUBLIC_ORDERS_API_URL";

/** A path of one or more segments: `/api/profile`; not `/`, `//host`, `/api/` or `api`. */
const PATH = /^(\/[^\s/?#]+)+$/;
/** An http(s) origin with an optional path; no trailing `/`, query or fragment. */
const HTTP_URL = /^https?:\/\/[^\s/?#]+(\/[^\s/?#]+)*$/;

const REBUILD = "then rebuild (or restart `next dev`): the value is written into the bundles";

const apiUrlProblem = (name: PublicVariable, fallback: string) =>
  `${name} must be a path starting with / (for example ${fallback}) or an http(s) URL ` +
  `(for example https://api.example.com${fallback}), without a trailing /; ${REBUILD}.`;

/**
 * Validates the public variables and fills in their defaults. Pure: pass any record.
 *
 * Three patterns, checked by hand rather than with zod: this module is downloaded by every
 * browser that opens a demo, and a schema library would add kilobytes to each chapter for what
 * three regular expressions say.
 *
 * @example
 * parsePublicEnv({}).accessTokenRoute; // "/auth/access-token"
 * parsePublicEnv({ NEXT_PUBLIC_ACCESS_TOKEN_ROUTE: "api/token" }); // throws EnvError
 */
export function parsePublicEnv(source: Partial<Record<PublicVariable, string>>): PublicEnv {
  const problems: string[] = [];
  // Unset and blank both mean the default.
  const read = (name: PublicVariable, fallback: string, valid: RegExp[], problem: string) => {
    const value = source[name]?.trim() || fallback;
    if (!valid.some((pattern) => pattern.test(value))) problems.push(problem);
    return value;
  };
  const env: PublicEnv = {
    accessTokenRoute: read(
      "NEXT_PUBLIC_ACCESS_TOKEN_ROUTE",
      paths.defaultTokenRoute,
      [PATH],
      "NEXT_PUBLIC_ACCESS_TOKEN_ROUTE must be a path starting with /, for example " +
        `${paths.defaultTokenRoute} (the default when unset); ${REBUILD}.`,
    ),
    profileApiUrl: read(
      "NEXT_PUBLIC_PROFILE_API_URL",
      paths.profileApi,
      [PATH, HTTP_URL],
      apiUrlProblem("NEXT_PUBLIC_PROFILE_API_URL", paths.profileApi),
    ),
    ordersApiUrl: read(
      "NEXT_PUBLIC_ORDERS_API_URL",
      paths.ordersApi,
      [PATH, HTTP_URL],
      apiUrlProblem("NEXT_PUBLIC_ORDERS_API_URL", paths.ordersApi),
    ),
  };
  if (problems.length > 0) throw new EnvError(problems);
  return env;
}

/**
 * The public configuration of this build. Each variable is written out as
 * `process.env.NEXT_PUBLIC_…` because that literal form is the only one `next build` replaces
 * with its value; `process.env` itself is empty in the browser. The values are fixed once built,
 * so they are checked when this module loads: a bad one stops `next build`, or `next dev` at start
 * (`lib/env/check-env-on-start.ts`), with the message of `parsePublicEnv`.
 *
 * @example
 * await fetch(`${publicEnv.profileApiUrl}/me`, { headers: { Authorization: `Bearer ${token}` } });
 */
export const publicEnv: PublicEnv = parsePublicEnv({
  NEXT_PUBLIC_ACCESS_TOKEN_ROUTE: process.env.NEXT_PUBLIC_ACCESS_TOKEN_ROUTE,
  NEXT_PUBLIC_PROFILE_API_URL: process.env.NEXT_PUBLIC_PROFILE_API_URL,
  NEXT_PUBLIC_ORDERS_API_URL: process.env.NEXT_PUBLIC_ORDERS_API_URL,
});
