// zod/mini, not the classic API: this module is downloaded by every browser that opens a demo.
import * as z from "zod/mini";
import { paths } from "@/config/paths";
import { EnvError } from "@/lib/env-error";

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

/** Unset and blank both mean the default. */
function withDefault(fallback: string, rule: z.ZodMiniString<string>) {
  return z.pipe(
    z.transform((value: string | undefined) => value?.trim() || fallback),
    rule,
  );
}

function apiBaseUrl(name: PublicVariable, fallback: string) {
  const message =
    `${name} must be a path starting with / (for example ${fallback}) or an http(s) URL ` +
    `(for example https://api.example.com${fallback}), without a trailing /; ${REBUILD}.`;
  return withDefault(
    fallback,
    z.string().check(z.refine((value) => PATH.test(value) || HTTP_URL.test(value), message)),
  );
}

const schema = z.object({
  NEXT_PUBLIC_ACCESS_TOKEN_ROUTE: withDefault(
    paths.defaultTokenRoute,
    z
      .string()
      .check(
        z.regex(
          PATH,
          "NEXT_PUBLIC_ACCESS_TOKEN_ROUTE must be a path starting with /, for example " +
            `${paths.defaultTokenRoute} (the default when unset); ${REBUILD}.`,
        ),
      ),
  ),
  NEXT_PUBLIC_PROFILE_API_URL: apiBaseUrl("NEXT_PUBLIC_PROFILE_API_URL", paths.profileApi),
  NEXT_PUBLIC_ORDERS_API_URL: apiBaseUrl("NEXT_PUBLIC_ORDERS_API_URL", paths.ordersApi),
});

/**
 * Validates the public variables and fills in their defaults. Pure: pass any record.
 *
 * @example
 * parsePublicEnv({}).accessTokenRoute; // "/auth/access-token"
 * parsePublicEnv({ NEXT_PUBLIC_ACCESS_TOKEN_ROUTE: "api/token" }); // throws EnvError
 */
export function parsePublicEnv(source: Partial<Record<PublicVariable, string>>): PublicEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) throw new EnvError(parsed.error.issues.map((issue) => issue.message));
  return {
    accessTokenRoute: parsed.data.NEXT_PUBLIC_ACCESS_TOKEN_ROUTE,
    profileApiUrl: parsed.data.NEXT_PUBLIC_PROFILE_API_URL,
    ordersApiUrl: parsed.data.NEXT_PUBLIC_ORDERS_API_URL,
  };
}

/**
 * The public configuration of this build. Each variable is written out as
 * `process.env.NEXT_PUBLIC_…` because that literal form is the only one `next build` replaces
 * with its value; `process.env` itself is empty in the browser. The values are fixed once built,
 * so they are checked when this module loads: a bad one stops `next build`, or `next dev` at start
 * (`lib/check-env-on-start.ts`), with the message of `parsePublicEnv`.
 *
 * @example
 * await fetch(`${publicEnv.profileApiUrl}/me`, { headers: { Authorization: `Bearer ${token}` } });
 */
export const publicEnv: PublicEnv = parsePublicEnv({
  NEXT_PUBLIC_ACCESS_TOKEN_ROUTE: process.env.NEXT_PUBLIC_ACCESS_TOKEN_ROUTE,
  NEXT_PUBLIC_PROFILE_API_URL: process.env.NEXT_PUBLIC_PROFILE_API_URL,
  NEXT_PUBLIC_ORDERS_API_URL: process.env.NEXT_PUBLIC_ORDERS_API_URL,
});
