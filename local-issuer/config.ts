/**
 * What the local authorization server knows: its APIs, the refresh token policy of the demo
 * client, the demo users and the client itself. Everything else in `local-issuer/` is machinery;
 * this is the file to edit when you want another user, API or policy.
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

/** The OpenID Connect scopes; every other scope belongs to an API. */
export const oidcScopes = ["openid", "profile", "email", "offline_access"] as const;

/** Auth0 sends `updated_at` as an ISO date string; one fixed value keeps ID tokens stable. */
export const demoUsersUpdatedAt = "2025-01-01T00:00:00.000Z";

/**
 * The app as an OAuth client. Each app base URL gets `<url>/auth/callback` as redirect URI (the
 * SDK's default callback route) and `<url>` and `<url>/` as logout return URLs, because the SDK
 * sends `APP_BASE_URL` exactly as configured.
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
    response_types: ["code"],
    token_endpoint_auth_method: "client_secret_post",
  };
}
