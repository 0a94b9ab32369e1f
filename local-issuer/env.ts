import { isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { appOrigin, blankToUndefined, envRules } from "@/config/env-rules";
import type { StartIssuerOptions } from "./server";

/** The message for `NODE_ENV=production`, or undefined when the server may start. */
export function productionRefusal(nodeEnv: string | undefined): string | undefined {
  // Compared without case: "Production" must not slip past the refusal.
  if (nodeEnv?.toLowerCase() !== "production") return undefined;
  return (
    "NODE_ENV=production: the local authorization server is for development and tests only " +
    "(demo users, plain-text passwords, http). Unset NODE_ENV to run it, and point a production " +
    "app at a real Auth0 tenant (AUTH0_DOMAIN)."
  );
}

/** `.local-issuer/` at the repository root, wherever the process was started from. */
const DEFAULT_STATE_DIR = fileURLToPath(new URL("../.local-issuer/", import.meta.url));

const optional = z.preprocess(blankToUndefined, z.string().optional());

const seconds = (name: string, min: number, fallback: number) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: `${name} must be a number of seconds, for example ${fallback}` })
      .int(`${name} must be a whole number of seconds, for example ${fallback}`)
      .min(min, `${name} must be at least ${min}; unset it to use ${fallback}`)
      .default(fallback),
  );

const flag = (name: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .enum(["true", "false"], { error: `${name} must be "true" or "false" (or unset)` })
      .default("false"),
  );

const schema = z.object({
  NODE_ENV: optional.refine((value) => !productionRefusal(value), {
    error: productionRefusal("production"),
  }),
  // The same rules, and messages, as the app's (lib/env/server-env.ts).
  LOCAL_ISSUER_PORT: envRules.LOCAL_ISSUER_PORT,
  APP_BASE_URL: envRules.APP_BASE_URL,
  LOCAL_ISSUER_APP_URLS: z.preprocess(
    blankToUndefined,
    z
      .string()
      .transform((list) =>
        list
          .split(",")
          .map((url) => url.trim())
          .filter(Boolean),
      )
      .pipe(z.array(appOrigin("every entry of LOCAL_ISSUER_APP_URLS (comma-separated)")))
      .default([]),
  ),
  LOCAL_ISSUER_STATE_DIR: optional.transform((dir) =>
    dir ? (isAbsolute(dir) ? dir : resolve(process.cwd(), dir)) : DEFAULT_STATE_DIR,
  ),
  LOCAL_ISSUER_ACCESS_TOKEN_TTL: seconds("LOCAL_ISSUER_ACCESS_TOKEN_TTL", 1, 600),
  LOCAL_ISSUER_REFRESH_REUSE_INTERVAL: seconds("LOCAL_ISSUER_REFRESH_REUSE_INTERVAL", 0, 0),
  LOCAL_ISSUER_MRRT_STRICT: flag("LOCAL_ISSUER_MRRT_STRICT"),
  LOCAL_ISSUER_TEST_ENDPOINTS: flag("LOCAL_ISSUER_TEST_ENDPOINTS"),
  LOCAL_ISSUER_TENANT: z.preprocess(
    blankToUndefined,
    z
      .enum(["default", "empty"], {
        error: 'LOCAL_ISSUER_TENANT must be "default" or "empty" (or unset, which is default)',
      })
      .default("default"),
  ),
});

export type IssuerEnvResult =
  { ok: true; options: StartIssuerOptions } | { ok: false; problems: string[] };

/**
 * Reads the local issuer's settings from environment variables. Every problem comes back as one
 * line that names the variable and says how to fix it.
 *
 * @example
 * const result = parseIssuerEnv(process.env);
 * if (!result.ok) console.error(result.problems.join("\n"));
 */
export function parseIssuerEnv(source: Record<string, string | undefined>): IssuerEnvResult {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((issue) => issue.message) };
  }
  const env = parsed.data;
  return {
    ok: true,
    options: {
      port: env.LOCAL_ISSUER_PORT,
      stateDir: env.LOCAL_ISSUER_STATE_DIR,
      appBaseUrls: [env.APP_BASE_URL, ...env.LOCAL_ISSUER_APP_URLS],
      accessTokenTtl: env.LOCAL_ISSUER_ACCESS_TOKEN_TTL,
      reuseInterval: env.LOCAL_ISSUER_REFRESH_REUSE_INTERVAL,
      strict: env.LOCAL_ISSUER_MRRT_STRICT === "true",
      testEndpoints: env.LOCAL_ISSUER_TEST_ENDPOINTS === "true",
      tenant: env.LOCAL_ISSUER_TENANT,
    },
  };
}

/**
 * The variable that fixes a start-up failure, as a sentence to add to the error, or "" when no
 * variable can. The port and the state folder are only checked by using them.
 *
 * @example
 * startFailureHint(Object.assign(new Error("listen EADDRINUSE"), { code: "EADDRINUSE" }), options);
 * // " Another process uses the port: stop it or set LOCAL_ISSUER_PORT to a free port."
 */
export function startFailureHint(error: unknown, options: StartIssuerOptions): string {
  const { code, syscall, path } = (error ?? {}) as NodeJS.ErrnoException;
  if (code === "EADDRINUSE") {
    return " Another process uses the port: stop it or set LOCAL_ISSUER_PORT to a free port.";
  }
  if (syscall === "listen" && code === "EACCES") {
    return ` LOCAL_ISSUER_PORT=${options.port} needs privileges: use a port above 1023.`;
  }
  if (path && resolve(path).startsWith(resolve(options.stateDir))) {
    return (
      ` LOCAL_ISSUER_STATE_DIR (${options.stateDir}) must be a folder this process can create ` +
      "and write: point it at one, or unset it to use .local-issuer/ in the repository."
    );
  }
  return "";
}
