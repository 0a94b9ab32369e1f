import { isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { localClient } from "@/config/local-client";
import type { StartIssuerOptions } from "./server";

/** The message for `NODE_ENV=production`, or undefined when the server may start. */
export function productionRefusal(nodeEnv: string | undefined): string | undefined {
  if (nodeEnv !== "production") return undefined;
  return (
    "NODE_ENV=production: the local authorization server is for development and tests only " +
    "(demo users, plain-text passwords, http). Unset NODE_ENV to run it, and point a production " +
    "app at a real Auth0 tenant (AUTH0_DOMAIN)."
  );
}

/** `.local-issuer/` at the repository root, wherever the process was started from. */
const DEFAULT_STATE_DIR = fileURLToPath(new URL("../.local-issuer/", import.meta.url));

/** Unset and blank are the same: both mean "use the default". */
const blankToUndefined = (value: unknown) =>
  typeof value === "string" ? value.trim() || undefined : value;

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

const httpUrl = (name: string) =>
  z.url({
    protocol: /^https?$/,
    error: `${name} must be an http(s) URL such as http://localhost:3000`,
  });

const schema = z.object({
  NODE_ENV: optional.refine((value) => !productionRefusal(value), {
    error: productionRefusal("production"),
  }),
  LOCAL_ISSUER_PORT: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: "LOCAL_ISSUER_PORT must be a port number, for example 4000" })
      .int("LOCAL_ISSUER_PORT must be a whole number, for example 4000")
      .min(0, "LOCAL_ISSUER_PORT must be between 0 and 65535")
      .max(65535, "LOCAL_ISSUER_PORT must be between 0 and 65535")
      .default(localClient.defaultIssuerPort),
  ),
  APP_BASE_URL: z.preprocess(
    blankToUndefined,
    httpUrl("APP_BASE_URL").default(localClient.defaultAppBaseUrl),
  ),
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
      .pipe(z.array(httpUrl("every entry of LOCAL_ISSUER_APP_URLS (comma-separated)")))
      .default([]),
  ),
  LOCAL_ISSUER_STATE_DIR: optional.transform((dir) =>
    dir ? (isAbsolute(dir) ? dir : resolve(process.cwd(), dir)) : DEFAULT_STATE_DIR,
  ),
  LOCAL_ISSUER_ACCESS_TOKEN_TTL: seconds("LOCAL_ISSUER_ACCESS_TOKEN_TTL", 1, 600),
  LOCAL_ISSUER_REFRESH_REUSE_INTERVAL: seconds("LOCAL_ISSUER_REFRESH_REUSE_INTERVAL", 0, 0),
  LOCAL_ISSUER_MRRT_STRICT: flag("LOCAL_ISSUER_MRRT_STRICT"),
  LOCAL_ISSUER_TEST_ENDPOINTS: flag("LOCAL_ISSUER_TEST_ENDPOINTS"),
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
    },
  };
}
