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
/** The default build again, with the server-side refresh guard off (`REFRESH_GUARD=off`). */
export const guardOffPort = 3404;
export const issuerUrl = `http://localhost:${issuerPort}`;
export const appUrl = `http://localhost:${appPort}`;
export const customRouteAppUrl = `http://localhost:${customRoutePort}`;
export const devAppUrl = `http://localhost:${devPort}`;
export const guardOffAppUrl = `http://localhost:${guardOffPort}`;

/** Short-lived access tokens, so the suite sees real refreshes without waiting. */
export const accessTokenTtlSeconds = 10;

export const issuerEnv = {
  LOCAL_ISSUER_PORT: String(issuerPort),
  LOCAL_ISSUER_STATE_DIR: ".local-issuer-e2e",
  LOCAL_ISSUER_ACCESS_TOKEN_TTL: String(accessTokenTtlSeconds),
  LOCAL_ISSUER_TEST_ENDPOINTS: "true",
  APP_BASE_URL: appUrl,
  LOCAL_ISSUER_APP_URLS: `${customRouteAppUrl},${devAppUrl},${guardOffAppUrl}`,
};

/**
 * Set explicitly so a developer's `.env.local` (a real tenant) never leaks into the suite. The
 * suite runs production builds (`next start`) against the local issuer: it says so explicitly,
 * as the production guard of `lib/env/server-env.ts` demands. The cookie secret is the suite's own.
 */
const tenantEnv = {
  AUTH0_DOMAIN: issuerUrl,
  AUTH0_CLIENT_ID: localClient.clientId,
  AUTH0_CLIENT_SECRET: localClient.clientSecret,
  AUTH0_SECRET: "991daecb49c35de16a78814ca84340184aea2fdba6febe04a6d079b8198020e3",
  ALLOW_LOCAL_ISSUER_IN_PRODUCTION: "true",
};

export const appEnv = { ...tenantEnv, ...buildEnv(builds.default), APP_BASE_URL: appUrl };

/** The second build: same issuer, its own origin and output folder. */
export const customRouteAppEnv = {
  ...tenantEnv,
  ...buildEnv(builds.customTokenRoute),
  APP_BASE_URL: customRouteAppUrl,
};

export const devAppEnv = { ...appEnv, APP_BASE_URL: devAppUrl };

/** For what only shows without the server's guard: the browser-side races it would absorb. */
export const guardOffAppEnv = { ...appEnv, APP_BASE_URL: guardOffAppUrl, REFRESH_GUARD: "off" };
