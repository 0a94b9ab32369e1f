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
import { callbackPaths } from "@/config/paths";

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
  // Refreshes for it must carry a DPoP proof (the API requires DPoP-bound tokens).
  { audience: apis.payments.audience, scope: apis.payments.scopes },
];
// #endregion

// #region step-up
/**
 * Scopes that need step-up MFA, per API: a refresh gets them only when it asks for them by name
 * (`scope`) and the login was done with MFA; asked for without MFA the grant answers
 * `mfa_required`, not asked for they are removed (as an Auth0 Action's `api.accessToken.removeScope`
 * would), so a plain Orders refresh keeps getting `read:orders write:orders`.
 */
export const stepUpScopes: Readonly<Record<string, readonly string[]>> = {
  [apis.orders.audience]: ["refund:orders"],
};
// #endregion

/** The `acr_values` value that asks for MFA at sign-in, as Auth0 names it. */
export const MFA_ACR = "http://schemas.openid.net/pape/policies/2007/06/multi-factor";

/** The grant that trades an `mfa_token` and a one-time code for tokens (Auth0's MFA API). */
export const MFA_OTP_GRANT = "http://auth0.com/oauth/grant-type/mfa-otp";

/** Auth0's `mfa_token` lives 10 minutes and cannot be configured there. */
export const MFA_TOKEN_TTL_SECONDS = 600;

/**
 * Wrong codes one `mfa_token` tolerates; after that it answers `too_many_attempts` (Auth0 limits
 * failures with a bucket of 10 per user; one bound per token is simpler and as visible to the app).
 */
export const MFA_MAX_ATTEMPTS = 5;

/** Auth0 sends `updated_at` as an ISO date string; one fixed value keeps ID tokens stable. */
export const demoUsersUpdatedAt = "2025-01-01T00:00:00.000Z";

/**
 * The app as an OAuth client. Each app base URL gets `<url>/auth/callback` (the SDK's default
 * callback route) and `<url>/auth/dpop/callback` (the DPoP client's) as redirect URIs, and `<url>` and `<url>/` as logout return URLs, because the SDK
 * sends `APP_BASE_URL` exactly as configured. Back-channel logout tokens go to the first app.
 *
 * @example
 * const client = clientMetadata(["http://localhost:3000"]);
 * client.redirect_uris; // ["http://localhost:3000/auth/callback", "http://localhost:3000/auth/dpop/callback"]
 */
export function clientMetadata(appBaseUrls: readonly string[]): ClientMetadata {
  const bases = [...new Set(appBaseUrls.map((url) => url.replace(/\/+$/, "")))];
  return {
    client_id: localClient.clientId,
    client_secret: localClient.clientSecret,
    client_name: "Local demo app",
    redirect_uris: bases.flatMap((base) => callbackPaths.map((path) => base + path)),
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
