import { localClient } from "@/config/local-client";
import { cookieSecretProblem } from "@/lib/env/cookie-secret";
import { EnvError } from "@/lib/env/env-error";
import { productionReason } from "@/lib/env/production";
import type { ModeInput, ModeSettings } from "@/lib/env/server-env";

const TENANT_DOMAIN = /^(?!https?:\/\/)[a-z0-9-]+(\.[a-z0-9-]+)+$/i;

/**
 * The Auth0 mode (`AUTH0_DOMAIN` names a tenant such as `my-tenant.us.auth0.com`): every value
 * must be given, never the local client's, and in production `APP_BASE_URL` must be https.
 *
 * @example
 * const env = auth0Mode("my-tenant.us.auth0.com", { vars, source, baseUrl, production, problems });
 */
export function auth0Mode(
  domain: string,
  { vars, baseUrl, production, problems }: ModeInput,
): ModeSettings {
  if (!TENANT_DOMAIN.test(domain)) {
    problems.add(
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
    problems.add("AUTH0_CLIENT_ID is missing: copy the Client ID of your Auth0 application.");
  }
  if (!clientSecret) {
    problems.add("AUTH0_CLIENT_SECRET is missing: copy the Client Secret of your application.");
  }
  const secretProblem = cookieSecretProblem(secret ?? "");
  if (secretProblem) problems.add(secretProblem);
  if (clientId === localClient.clientId || clientSecret === localClient.clientSecret) {
    problems.add(
      "AUTH0_CLIENT_ID / AUTH0_CLIENT_SECRET are the local demo client's, which is in the " +
        "repository: copy your Auth0 application's own Client ID and Client Secret.",
    );
  }
  if (production && baseUrl && new URL(baseUrl).protocol !== "https:") {
    problems.add(
      `APP_BASE_URL is ${baseUrl}, but ${productionReason(vars.NODE_ENV)}: serve the app ` +
        "over https and set APP_BASE_URL to its https:// origin (over http the session cookie " +
        "loses Secure).",
    );
  }
  if (problems.lines.length > 0 || !baseUrl || !clientId || !clientSecret || !secret) {
    throw new EnvError(problems.lines);
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
