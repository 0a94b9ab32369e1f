import { envRules } from "@/config/env-rules";
import { localClient } from "@/config/local-client";
import { cookieSecretProblem } from "@/lib/env/cookie-secret";
import { EnvError } from "@/lib/env/env-error";
import { productionReason } from "@/lib/env/production";
import type { ModeInput, ModeSettings } from "@/lib/env/server-env";

/**
 * The local mode (`AUTH0_DOMAIN` unset, or an `http://localhost:<port>` URL): the bundled
 * authorization server. Client id, client secret and cookie secret default to the local client's,
 * which only work against that server; in production it is refused unless asked for by name.
 *
 * @example
 * const env = localMode({ vars, source, baseUrl, production, problems });
 */
export function localMode({
  vars,
  source,
  baseUrl,
  production,
  problems,
}: ModeInput): ModeSettings {
  const domain = vars.AUTH0_DOMAIN;
  const issuerPort = problems.take(envRules.LOCAL_ISSUER_PORT.safeParse(source.LOCAL_ISSUER_PORT));
  // Fine for the server alone (tests use it), but then only the server knows its URL.
  if (issuerPort === 0 && !domain) {
    problems.add(
      "LOCAL_ISSUER_PORT=0 lets the local authorization server pick any free port, which the " +
        `app cannot follow: set the port it listens on, for example ${localClient.defaultIssuerPort}.`,
    );
  }
  if (production && vars.ALLOW_LOCAL_ISSUER_IN_PRODUCTION !== "true") {
    problems.add(
      `${productionReason(vars.NODE_ENV)}, but AUTH0_DOMAIN does not name an Auth0 tenant, ` +
        "so the app would use the local authorization server, with a client secret and cookie " +
        "secret that are in the repository. Set AUTH0_DOMAIN, AUTH0_CLIENT_ID, " +
        "AUTH0_CLIENT_SECRET and AUTH0_SECRET for your tenant. Only to try a production build " +
        "on this machine (npm start, the tests), set ALLOW_LOCAL_ISSUER_IN_PRODUCTION=true.",
    );
  } else if (production && baseUrl && new URL(baseUrl).hostname !== "localhost") {
    problems.add(
      "AUTH0_DOMAIN does not name an Auth0 tenant, so the app would use the local authorization " +
        "server, which only serves http://localhost. Set AUTH0_DOMAIN, AUTH0_CLIENT_ID, " +
        "AUTH0_CLIENT_SECRET and AUTH0_SECRET for a real Auth0 tenant.",
    );
  }
  const secretProblem =
    vars.AUTH0_SECRET === undefined ? null : cookieSecretProblem(vars.AUTH0_SECRET);
  if (secretProblem) problems.add(secretProblem);
  if (problems.lines.length > 0 || baseUrl === undefined) throw new EnvError(problems.lines);
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
