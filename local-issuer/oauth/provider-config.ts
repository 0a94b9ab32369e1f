import { errors, type Configuration } from "oidc-provider";
import { MFA_ACR } from "../config";
import { mfaLoginPolicy } from "../mfa/login-policy";
import { errorPage, logoutPage, page } from "../pages/html";
import { fileAdapterFactory } from "../storage/file-adapter";
import type { FileStore } from "../storage/file-store";
import type { IssuerKeys } from "../storage/keys";
import { findAccount } from "../tenant/accounts";
import { withTenantClients } from "../tenant/clients";
import { resourceServerInfo } from "../tenant/resource-servers";
import type { TenantStore } from "../tenant/state";
import { DPOP_ALGORITHMS } from "@/lib/demo-apis/dpop/check-dpop-proof";
import { auth0AccessTokenShape } from "./access-token-claims";
import { requireDpopFor } from "./dpop";
import { scopeClaims } from "./scope-claims";

/** Auth0's endpoint paths, so URLs in docs, logs and the SDK look the same locally. */
export const auth0Routes = {
  authorization: "/authorize",
  token: "/oauth/token",
  userinfo: "/userinfo",
  jwks: "/.well-known/jwks.json",
  end_session: "/oidc/logout",
  revocation: "/oauth/revoke",
} as const;

const DAY = 24 * 60 * 60;

export type ProviderConfigInput = {
  issuer: string;
  keys: IssuerKeys;
  store: FileStore;
  appBaseUrls: readonly string[];
  accessTokenTtl: number;
  /** The APIs and the clients (read on every request: the Management API changes them). */
  tenant: TenantStore;
};

/**
 * The oidc-provider configuration that makes it answer like an Auth0 tenant for the demo app.
 * The refresh_token grant is replaced separately (see `refresh-grant.ts`).
 *
 * @example
 * const provider = new Provider(issuer, providerConfiguration({ issuer, keys, store, ... }));
 */
export function providerConfiguration(input: ProviderConfigInput): Configuration {
  const { accessTokenTtl } = input;
  return {
    // No static `clients`: the adapter's Client model serves them from the tenant.
    adapter: withTenantClients(fileAdapterFactory(input.store), input.tenant, input.appBaseUrls),
    jwks: { keys: [input.keys.signingKey] },
    cookies: { keys: input.keys.cookieKeys },
    findAccount: (_ctx, sub, token) =>
      findAccount(sub, token && "authTime" in token ? token.authTime : undefined),
    // amr and acr in ID tokens: oidc-provider drops them unless listed (the MFA login sets them).
    claims: { ...scopeClaims, openid: [...(scopeClaims.openid ?? []), "amr", "acr"] },
    // Without it, oidc-provider removes the `acr` of an MFA login (and discovery lists none).
    acrValues: [MFA_ACR],
    // Auth0 puts the profile claims into the ID token itself, not only behind /userinfo.
    conformIdTokenClaims: false,
    // Auth0 clients name the API with `audience`; it becomes an RFC 8707 resource indicator.
    extraParams: ["audience"],
    responseTypes: ["code"],
    routes: auth0Routes,
    interactions: {
      policy: mfaLoginPolicy(input.tenant),
      url: (_ctx, interaction) => `/interaction/${interaction.uid}`,
    },
    features: {
      devInteractions: { enabled: false },
      // DPoP proofs at the token endpoint bind access tokens (`cnf.jkt`, `token_type: "DPoP"`).
      // No `nonceSecret`: Auth0 asks only public clients for a nonce, and sends this confidential
      // client no `DPoP-Nonce`. The refresh grant and refresh token binding are in `dpop.ts`.
      dPoP: { enabled: true },
      // Ends the app's sessions when the user signs out here (the app needs REDIS_URL for it:
      // a session in a cookie cannot be ended from the server). It also puts `sid` in ID tokens.
      backchannelLogout: { enabled: true },
      revocation: {
        enabled: true,
        allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId,
      },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.type = "html";
          ctx.body = logoutPage(form);
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.type = "html";
          ctx.body = page(
            "Signed out",
            "<p>You are signed out of the local authorization server.</p>",
          );
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: (ctx, _client, oneOf) => {
          const { audience } = ctx.oidc.params ?? {};
          return oneOf ?? (typeof audience === "string" && audience ? audience : undefined);
        },
        // The token for the login audience comes back from the code exchange, as with Auth0.
        useGrantedResource: () => true,
        getResourceServerInfo: (ctx, indicator) => {
          const info = resourceServerInfo(input.tenant, indicator, accessTokenTtl);
          // Auth0's exact answer to an unknown audience at /authorize.
          if (!info) throw new errors.AccessDenied(`Service not found: ${indicator}`);
          // At the token endpoint a proof, if any, has been checked by now.
          if (ctx.oidc.route === "token")
            requireDpopFor(input.tenant, indicator, !!ctx.get("DPoP"));
          return info;
        },
      },
    },
    formats: { customizers: { jwt: auth0AccessTokenShape(input.issuer) } },
    enabledJWA: { dPoPSigningAlgValues: [...DPOP_ALGORITHMS] },
    ttl: {
      AccessToken: (_ctx, token) => token.resourceServer?.accessTokenTTL ?? accessTokenTtl,
      ClientCredentials: (_ctx, token) => token.resourceServer?.accessTokenTTL ?? accessTokenTtl,
      AuthorizationCode: 60,
      IdToken: 60 * 60,
      Interaction: 60 * 60,
      Session: 14 * DAY,
      // Grants and refresh tokens outlive sessions: that is what offline_access is for.
      Grant: 30 * DAY,
      RefreshToken: 30 * DAY,
    },
    // Its only outgoing requests are back-channel logouts to the app on localhost, which
    // oidc-provider's guard against server-side request forgery refuses (a loopback address).
    // Let those through, and nothing else.
    fetch: (url, options) => {
      if (new URL(String(url)).hostname !== "localhost") {
        return Promise.reject(
          new Error(`The local issuer only calls localhost, not ${String(url)}`),
        );
      }
      return globalThis.fetch(url, { ...options, dispatcher: undefined } as RequestInit);
    },
    // The app talks to this server from its backend only; no browser origin needs CORS.
    clientBasedCORS: () => false,
    renderError: (ctx, out) => {
      ctx.type = "html";
      ctx.body = errorPage(out.error, out.error_description);
    },
  };
}
