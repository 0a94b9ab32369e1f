/**
 * What the local authorization server derives from the app's own configuration: the demo users
 * (`config/demo-users.ts`), the APIs and the OpenID Connect scopes (`config/apis.ts`) and the
 * client (`config/local-client.ts`) live in `config/`, shared with the app. Here: the refresh
 * token (MRRT) policy of the demo client and the client's registration. Everything else in
 * `local-issuer/` is machinery. Add a user or an API in `config/`, change the policy here.
 */
import type { ClientMetadata } from "oidc-provider";
import { apis } from "@/config/apis";
import { localClient } from "@/config/local-client";

/** The APIs (Auth0 "resource servers") that `audience` may name. Shared with the app. */
export const localApis = Object.values(apis);

/** One entry of Auth0's `refresh_token.policies` for an application. */
export type RefreshTokenPolicy = {
  audience: string;
  scope: readonly string[];
};

// #region mrrt-policy
/**
 * The Multi-Resource Refresh Token policy of the demo client. The Reports API exists but is left
 * out on purpose, so the app can show what Auth0 does with an audience outside the policy.
 */
export const defaultRefreshTokenPolicies: readonly RefreshTokenPolicy[] = [
  { audience: apis.profile.audience, scope: apis.profile.scopes },
  { audience: apis.orders.audience, scope: apis.orders.scopes },
];
// #endregion

/** Auth0 sends `updated_at` as an ISO date string; one fixed value keeps ID tokens stable. */
export const demoUsersUpdatedAt = "2025-01-01T00:00:00.000Z";

/**
 * The app as an OAuth client. Each app base URL gets `<url>/auth/callback` as redirect URI (the
 * SDK's default callback route) and `<url>` and `<url>/` as logout return URLs, because the SDK
 * sends `APP_BASE_URL` exactly as configured. Back-channel logout tokens go to the first app.
 *
 * @example
 * const client = clientMetadata(["http://localhost:3000"]);
 * client.redirect_uris; // ["http://localhost:3000/auth/callback"]
 */
export function clientMetadata(appBaseUrls: readonly string[]): ClientMetadata {
  const bases = [...new Set(appBaseUrls.map((url) => url.replace(/\/+$/, "")))];
  return {
    client_id: localClient.clientId,
    client_secret: localClient.clientSecret,
    client_name: "Local demo app",
    redirect_uris: bases.map((base) => `${base}/auth/callback`),
    post_logout_redirect_uris: bases.flatMap((base) => [base, `${base}/`]),
    grant_types: ["authorization_code", "refresh_token"],
    // One URL per client (oidc-provider, as Auth0): the first app. Instances that share one Redis
    // share its sessions, so the first one ending a session ends it everywhere.
    backchannel_logout_uri: `${bases[0]}/auth/backchannel-logout`,
    backchannel_logout_session_required: true,
    response_types: ["code"],
    token_endpoint_auth_method: "client_secret_post",
  };
}
