import { z } from "zod";
import { blankToUndefined, envRules } from "@/config/env-rules";
import { sessionDurations, type SessionDurations } from "@/config/session";
import { auth0Mode } from "@/lib/env/auth0-mode";
import { readDpopKey, type DpopKeyPem } from "@/lib/env/dpop-key-env";
import { EnvError } from "@/lib/env/env-error";
import { localMode } from "@/lib/env/local-mode";
import { isProduction } from "@/lib/env/production";

/**
 * The app's server configuration, parsed once from `process.env`.
 *
 * Two modes, chosen by `AUTH0_DOMAIN`:
 * - **local** (unset, or an `http://localhost:<port>` URL): the bundled authorization server in
 *   `local-issuer/`. Client id, client secret and cookie secret default to values that only work
 *   against that server, so a fresh clone runs with no `.env.local` at all.
 * - **auth0** (a tenant domain such as `my-tenant.us.auth0.com`): every value must be given.
 *
 * In production (any `NODE_ENV` but `development` and `test`, see `production.ts`) it fails
 * closed: no local mode (unless `ALLOW_LOCAL_ISSUER_IN_PRODUCTION=true`, for a production build
 * tried on localhost), an https `APP_BASE_URL`, and never the local client. In every mode a cookie
 * secret must be 32 random bytes (`cookie-secret.ts`).
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
  /** How long sessions live: `config/session.ts`, with `SESSION_INACTIVITY_SECONDS` if set. */
  session: SessionDurations;
  /**
   * The DPoP chapter's key pair (`AUTH0_DPOP_PUBLIC_KEY`, `AUTH0_DPOP_PRIVATE_KEY`), checked.
   * Unset outside production (or with the local server): the app makes one and keeps it.
   */
  dpopKey?: DpopKeyPem;
};

// In its own module so that the browser's `lib/env/public-env.ts` can throw it too.
export { EnvError };

const LOCAL_DOMAIN = /^http:\/\/localhost:\d{1,5}$/;

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
  SESSION_INACTIVITY_SECONDS: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: "SESSION_INACTIVITY_SECONDS must be a whole number of seconds" })
      .int({ error: "SESSION_INACTIVITY_SECONDS must be a whole number of seconds" })
      .min(5, { error: "SESSION_INACTIVITY_SECONDS must be at least 5 (or unset: one day)" })
      .max(sessionDurations.absoluteDuration, {
        error: `SESSION_INACTIVITY_SECONDS must be at most ${sessionDurations.absoluteDuration} (the absolute session lifetime)`,
      })
      .optional(),
  ),
});

/** What each mode decides; the session's durations are the same in both. */
export type ModeSettings = Omit<ServerEnv, "session" | "dpopKey">;

/** The variables as parsed, what both modes start from. */
export type ModeInput = {
  vars: z.infer<typeof raw>;
  source: Record<string, string | undefined>;
  /** `APP_BASE_URL`, when it is valid. */
  baseUrl: string | undefined;
  /** A server that runs in production (not `next build` prerendering). */
  production: boolean;
  problems: Problems;
};

/** The problems found so far, each a line naming the variable and the fix. */
class Problems {
  readonly lines: string[] = [];

  add(line: string): void {
    this.lines.push(line);
  }

  /** The value of a shared rule's result, or `undefined` with its messages added. */
  take<T>(result: z.ZodSafeParseResult<T>): T | undefined {
    if (result.success) return result.data;
    this.lines.push(...result.error.issues.map((issue) => issue.message));
    return undefined;
  }
}

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
  const problems = new Problems();
  const baseUrl = problems.take(envRules.APP_BASE_URL.safeParse(source.APP_BASE_URL));
  const input = { vars, source, baseUrl, production: isProduction(source), problems };
  const domain = vars.AUTH0_DOMAIN;
  const local = !domain || LOCAL_DOMAIN.test(domain);
  // A made-up key would differ per instance and restart: a real tenant in production needs one.
  const required = input.production && !local;
  const dpopKey = readDpopKey(source, { required }, (line) => problems.add(line));
  const mode = local ? localMode(input) : auth0Mode(domain, input);
  const inactivityDuration = vars.SESSION_INACTIVITY_SECONDS ?? sessionDurations.inactivityDuration;
  return {
    ...mode,
    session: { ...sessionDurations, inactivityDuration },
    ...(dpopKey && { dpopKey }),
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
