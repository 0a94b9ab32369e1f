import { z } from "zod";
import { blankToUndefined, envRules } from "@/config/env-rules";
import { localClient } from "@/config/local-client";
import { EnvError } from "@/lib/env/env-error";

/**
 * The app's server configuration, parsed once from `process.env`.
 *
 * Two modes, chosen by `AUTH0_DOMAIN`:
 * - **local** (unset, or an `http://localhost:<port>` URL): the bundled authorization server in
 *   `local-issuer/`. Client id, client secret and cookie secret default to values that only work
 *   against that server, so a fresh clone runs with no `.env.local` at all.
 * - **auth0** (a tenant domain such as `my-tenant.us.auth0.com`): every value must be given.
 *
 * In production (`NODE_ENV`, any case) it fails closed: no local mode (unless
 * `ALLOW_LOCAL_ISSUER_IN_PRODUCTION=true`, for a production build tried on localhost), an https
 * `APP_BASE_URL`, and never the local client or a cookie secret that is not 32 random bytes.
 */
export type ServerEnv = {
  mode: "local" | "auth0";
  /** What `Auth0Client` receives as `domain`: a bare host, or a full `http://localhost` URL. */
  domain: string;
  /** The `iss` claim of tokens: `https://<tenant>/` or `http://localhost:<port>/`. */
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  secret: string;
  appBaseUrl: string;
  /** The server-side refresh guard (`lib/refresh-guard/`); `REFRESH_GUARD=off` turns it off. */
  refreshGuard: boolean;
  /** `REDIS_URL`: sessions live in Redis, shared by every instance; unset, in the cookie. */
  redisUrl?: string;
};

// In its own module so that the browser's `lib/env/public-env.ts` can throw it too.
export { EnvError };

const LOCAL_DOMAIN = /^http:\/\/localhost:\d{1,5}$/;
const TENANT_DOMAIN = /^(?!https?:\/\/)[a-z0-9-]+(\.[a-z0-9-]+)+$/i;

const optional = z.preprocess(blankToUndefined, z.string().optional());

/** The app's own variables; APP_BASE_URL and LOCAL_ISSUER_PORT follow the shared `envRules`. */
const raw = z.object({
  AUTH0_DOMAIN: optional,
  AUTH0_CLIENT_ID: optional,
  AUTH0_CLIENT_SECRET: optional,
  AUTH0_SECRET: optional,
  NODE_ENV: optional,
  ALLOW_LOCAL_ISSUER_IN_PRODUCTION: z.preprocess(
    blankToUndefined,
    z
      .enum(["true", "false"], {
        error: 'ALLOW_LOCAL_ISSUER_IN_PRODUCTION must be "true" or "false" (or unset)',
      })
      .optional(),
  ),
  REFRESH_GUARD: z.preprocess(
    blankToUndefined,
    z
      .enum(["on", "off"], {
        error:
          'REFRESH_GUARD must be "on" or "off" (or unset, which is on): off only to see what ' +
          "the guard prevents",
      })
      .optional(),
  ),
  REDIS_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^rediss?:\/\/[^\s]+$/, {
        error:
          "REDIS_URL must be a redis:// or rediss:// URL, for example redis://localhost:6379 " +
          "(or unset, to keep sessions in the cookie)",
      })
      .optional(),
  ),
});

/**
 * 32 bytes written as 64 hex characters, and not an obvious pattern: the cookie secret is the key
 * of every session, so anyone who can guess it can forge one.
 */
function isCookieSecret(secret: string): boolean {
  return /^[0-9a-f]{64}$/i.test(secret) && new Set(secret.toLowerCase()).size >= 8;
}

const COOKIE_SECRET_PROBLEM =
  "AUTH0_SECRET must be 32 random bytes as 64 hex characters (it encrypts the session " +
  "cookie): generate one with `openssl rand -hex 32`.";

/**
 * Parses and validates the environment. Pure: pass `process.env` or any record.
 *
 * @example
 * const env = parseEnv(process.env);
 * if (env.mode === "local") console.log("using the local authorization server");
 */
export function parseEnv(source: Record<string, string | undefined>): ServerEnv {
  const parsed = raw.safeParse(source);
  if (!parsed.success) throw new EnvError(parsed.error.issues.map((issue) => issue.message));
  const vars = parsed.data;
  const problems: string[] = [];
  const take = <T>(result: z.ZodSafeParseResult<T>): T | undefined => {
    if (result.success) return result.data;
    problems.push(...result.error.issues.map((issue) => issue.message));
    return undefined;
  };

  const baseUrl = take(envRules.APP_BASE_URL.safeParse(source.APP_BASE_URL));
  // Compared without case: "Production" must not slip past the guards. `next build` also runs
  // with NODE_ENV=production, and without the runtime's variables: the guards are for a server
  // that runs (instrumentation.ts checks at `next start`), not for prerendering at build time.
  const production =
    vars.NODE_ENV?.toLowerCase() === "production" && source.NEXT_PHASE !== "phase-production-build";
  const domain = vars.AUTH0_DOMAIN;

  if (!domain || LOCAL_DOMAIN.test(domain)) {
    const issuerPort = take(envRules.LOCAL_ISSUER_PORT.safeParse(source.LOCAL_ISSUER_PORT));
    // Fine for the server alone (tests use it), but then only the server knows its URL.
    if (issuerPort === 0 && !domain) {
      problems.push(
        "LOCAL_ISSUER_PORT=0 lets the local authorization server pick any free port, which the " +
          `app cannot follow: set the port it listens on, for example ${localClient.defaultIssuerPort}.`,
      );
    }
    if (production && vars.ALLOW_LOCAL_ISSUER_IN_PRODUCTION !== "true") {
      problems.push(
        "NODE_ENV is production but AUTH0_DOMAIN does not name an Auth0 tenant, so the app would " +
          "use the local authorization server, with a client secret and cookie secret that are in " +
          "the repository. Set AUTH0_DOMAIN, AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET and AUTH0_SECRET " +
          "for your tenant. Only to try a production build on this machine (npm start, the tests), " +
          "set ALLOW_LOCAL_ISSUER_IN_PRODUCTION=true.",
      );
    } else if (production && baseUrl && new URL(baseUrl).hostname !== "localhost") {
      problems.push(
        "AUTH0_DOMAIN is not set, so the app would use the local authorization server, which only " +
          "serves http://localhost. Set AUTH0_DOMAIN, AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET and " +
          "AUTH0_SECRET for a real Auth0 tenant.",
      );
    }
    if (vars.AUTH0_SECRET !== undefined && !isCookieSecret(vars.AUTH0_SECRET)) {
      problems.push(COOKIE_SECRET_PROBLEM);
    }
    if (problems.length > 0 || baseUrl === undefined) throw new EnvError(problems);
    const localDomain = domain ?? `http://localhost:${issuerPort}`;
    return {
      mode: "local",
      domain: localDomain,
      issuerUrl: `${localDomain}/`,
      clientId: vars.AUTH0_CLIENT_ID ?? localClient.clientId,
      clientSecret: vars.AUTH0_CLIENT_SECRET ?? localClient.clientSecret,
      secret: vars.AUTH0_SECRET ?? localClient.cookieSecret,
      appBaseUrl: baseUrl,
      refreshGuard: vars.REFRESH_GUARD !== "off",
      redisUrl: vars.REDIS_URL,
    };
  }

  if (!TENANT_DOMAIN.test(domain)) {
    problems.push(
      `AUTH0_DOMAIN "${domain}" is not a tenant domain: use the bare host from the Auth0 ` +
        "dashboard, for example my-tenant.us.auth0.com (no https://, no path), or leave it unset " +
        "to use the local authorization server.",
    );
  }
  const {
    AUTH0_CLIENT_ID: clientId,
    AUTH0_CLIENT_SECRET: clientSecret,
    AUTH0_SECRET: secret,
  } = vars;
  if (!clientId) {
    problems.push("AUTH0_CLIENT_ID is missing: copy the Client ID of your Auth0 application.");
  }
  if (!clientSecret) {
    problems.push("AUTH0_CLIENT_SECRET is missing: copy the Client Secret of your application.");
  }
  if (!secret || !isCookieSecret(secret)) problems.push(COOKIE_SECRET_PROBLEM);
  if (clientId === localClient.clientId || clientSecret === localClient.clientSecret) {
    problems.push(
      "AUTH0_CLIENT_ID / AUTH0_CLIENT_SECRET are the local demo client's, which is in the " +
        "repository: copy your Auth0 application's own Client ID and Client Secret.",
    );
  }
  if (production && baseUrl && new URL(baseUrl).protocol !== "https:") {
    problems.push(
      `APP_BASE_URL is ${baseUrl}, but NODE_ENV is production: serve the app over https and ` +
        "set APP_BASE_URL to its https:// origin (over http the session cookie loses Secure).",
    );
  }
  if (problems.length > 0 || !baseUrl || !clientId || !clientSecret || !secret) {
    throw new EnvError(problems);
  }
  return {
    mode: "auth0",
    domain,
    issuerUrl: `https://${domain}/`,
    clientId,
    clientSecret,
    secret,
    appBaseUrl: baseUrl,
    refreshGuard: vars.REFRESH_GUARD !== "off",
    redisUrl: vars.REDIS_URL,
  };
}

let cached: ServerEnv | undefined;

/**
 * `parseEnv(process.env)`, parsed once per process. Read lazily, on first use: `next build`
 * imports server modules without the runtime environment.
 *
 * @example
 * const { appBaseUrl } = serverEnv();
 */
export function serverEnv(): ServerEnv {
  cached ??= parseEnv(process.env);
  return cached;
}
