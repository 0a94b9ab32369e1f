/**
 * The demo APIs, as both the app and the local authorization server know them.
 *
 * An API is identified by its `audience` (Auth0 calls it the API "identifier"). The scopes listed
 * here are the ones the API defines; which of them a refresh token may obtain is decided by the
 * Multi-Resource Refresh Token policy (see `local-issuer/config.ts`).
 */
export const apis = {
  profile: {
    name: "Profile API",
    audience: "https://profile-api.example.com",
    scopes: ["read:profile", "write:profile"],
  },
  orders: {
    name: "Orders API",
    audience: "https://orders-api.example.com",
    // refund:orders needs step-up MFA (`stepUpScopes` in local-issuer/config.ts).
    scopes: ["read:orders", "write:orders", "refund:orders"],
  },
  /** Exists on the authorization server but is left out of the MRRT policy on purpose. */
  reports: {
    name: "Reports API",
    audience: "https://reports-api.example.com",
    scopes: ["read:reports"],
  },
  /**
   * Accepts only DPoP-bound tokens: the issuer gives tokens for it only with a DPoP proof, as an
   * Auth0 API with `proof_of_possession: { mechanism: "dpop", required: true }` does.
   */
  payments: {
    name: "Payments API",
    audience: "https://payments-api.example.com",
    scopes: ["read:payments", "write:payments"],
    proofOfPossession: { mechanism: "dpop", required: true },
  },
} as const;

export type ApiId = keyof typeof apis;

/** The OpenID Connect scopes: asked for at every sign-in and refresh, whatever the API. */
export const oidcScopes = ["openid", "profile", "email", "offline_access"] as const;

const OIDC = oidcScopes.join(" ");

/**
 * The scopes the app asks for with each API (`authorizationParameters.scope` in `lib/auth0.ts`):
 * the OpenID Connect scopes and the API's read scope. A call that passes `scope` has these merged
 * in by the SDK. A map, not one string: a string would be sent with every API.
 */
export const scopesAskedFor: Readonly<Record<string, string>> = {
  [apis.profile.audience]: `${OIDC} read:profile`,
  [apis.orders.audience]: `${OIDC} read:orders`,
  [apis.reports.audience]: `${OIDC} read:reports`,
  [apis.payments.audience]: `${OIDC} read:payments`,
};
