import { errors, type Configuration } from "oidc-provider";
import { auth0AccessTokenShape } from "./access-token-claims";
import { findAccount } from "./accounts";
import { clientMetadata } from "./config";
import { fileAdapterFactory } from "./file-adapter";
import type { FileStore } from "./file-store";
import type { IssuerKeys } from "./keys";
import { errorPage, logoutPage, page } from "./pages";
import { resourceServerInfo } from "./resource-servers";
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
    adapter: fileAdapterFactory(input.store),
    clients: [clientMetadata(input.appBaseUrls)],
    jwks: { keys: [input.keys.signingKey] },
    cookies: { keys: input.keys.cookieKeys },
    findAccount: (_ctx, sub, token) =>
      findAccount(sub, token && "authTime" in token ? token.authTime : undefined),
    claims: scopeClaims,
    // Auth0 puts the profile claims into the ID token itself, not only behind /userinfo.
    conformIdTokenClaims: false,
    // Auth0 clients name the API with `audience`; it becomes an RFC 8707 resource indicator.
    extraParams: ["audience"],
    responseTypes: ["code"],
    routes: auth0Routes,
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
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
        getResourceServerInfo: (_ctx, indicator) => {
          const info = resourceServerInfo(indicator, accessTokenTtl);
          // Auth0's exact answer to an unknown audience at /authorize.
          if (!info) throw new errors.AccessDenied(`Service not found: ${indicator}`);
          return info;
        },
      },
    },
    formats: { customizers: { jwt: auth0AccessTokenShape(input.issuer) } },
    ttl: {
      AccessToken: (_ctx, token) => token.resourceServer?.accessTokenTTL ?? accessTokenTtl,
      AuthorizationCode: 60,
      IdToken: 60 * 60,
      Interaction: 60 * 60,
      Session: 14 * DAY,
      // Grants and refresh tokens outlive sessions: that is what offline_access is for.
      Grant: 30 * DAY,
      RefreshToken: 30 * DAY,
    },
    // The app talks to this server from its backend only; no browser origin needs CORS.
    clientBasedCORS: () => false,
    renderError: (ctx, out) => {
      ctx.type = "html";
      ctx.body = errorPage(out.error, out.error_description);
    },
  };
}
