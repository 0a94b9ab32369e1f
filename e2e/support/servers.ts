import { buildEnv, builds } from "@/config/builds";
import { localClient } from "@/config/local-client";

/**
 * Ports and environment of the servers the end-to-end suite starts. They differ from the
 * development defaults so the suite can run while `npm run dev` is up.
 */
export const issuerPort = 4401;
export const appPort = 3401;
/** `builds.customTokenRoute`: the second production build, with its own token route. */
export const customRoutePort = 3402;
/** `next dev`, for what only shows there: React StrictMode's double effects. */
export const devPort = 3403;
export const issuerUrl = `http://localhost:${issuerPort}`;
export const appUrl = `http://localhost:${appPort}`;
export const customRouteAppUrl = `http://localhost:${customRoutePort}`;
export const devAppUrl = `http://localhost:${devPort}`;

/** Short-lived access tokens, so the suite sees real refreshes without waiting. */
export const accessTokenTtlSeconds = 10;

export const issuerEnv = {
  LOCAL_ISSUER_PORT: String(issuerPort),
  LOCAL_ISSUER_STATE_DIR: ".local-issuer-e2e",
  LOCAL_ISSUER_ACCESS_TOKEN_TTL: String(accessTokenTtlSeconds),
  LOCAL_ISSUER_TEST_ENDPOINTS: "true",
  APP_BASE_URL: appUrl,
  LOCAL_ISSUER_APP_URLS: `${customRouteAppUrl},${devAppUrl}`,
};

/** Set explicitly so a developer's `.env.local` (a real tenant) never leaks into the suite. */
const tenantEnv = {
  AUTH0_DOMAIN: issuerUrl,
  AUTH0_CLIENT_ID: localClient.clientId,
  AUTH0_CLIENT_SECRET: localClient.clientSecret,
  AUTH0_SECRET: "e2e-only-cookie-secret-0123456789abcdef0123456789",
};

export const appEnv = { ...tenantEnv, ...buildEnv(builds.default), APP_BASE_URL: appUrl };

/** The second build: same issuer, its own origin and output folder. */
export const customRouteAppEnv = {
  ...tenantEnv,
  ...buildEnv(builds.customTokenRoute),
  APP_BASE_URL: customRouteAppUrl,
};

export const devAppEnv = { ...appEnv, APP_BASE_URL: devAppUrl };
