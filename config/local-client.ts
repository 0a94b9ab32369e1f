/**
 * The application as the local authorization server registers it.
 *
 * These values only ever work against the local server on `http://localhost`, which refuses to
 * start in production; a real Auth0 tenant issues its own client id and secret.
 */
export const localClient = {
  clientId: "local-demo-app",
  clientSecret: "local-demo-app-secret-works-only-with-the-local-issuer",
  /** The session cookie's key in local mode only: `lib/env/server-env.ts` refuses it anywhere else. */
  cookieSecret: "local-issuer-only-cookie-secret-never-use-in-production",
  /** Default port of the local authorization server (`LOCAL_ISSUER_PORT`). */
  defaultIssuerPort: 4000,
  /** Default base URL of the app (`APP_BASE_URL`). */
  defaultAppBaseUrl: "http://localhost:3000",
} as const;
