import type { ResourceServer } from "oidc-provider";
import { oidcScopes } from "@/config/apis";
import type { TenantStore } from "./state";

/**
 * How oidc-provider should issue tokens for an API of the tenant, or undefined for an audience
 * the tenant does not have (the APIs can change through the Management API at any time).
 *
 * The OIDC scopes are listed as scopes of every API on purpose: oidc-provider only keeps scopes
 * that the resource server defines, and Auth0 puts the granted OIDC scopes (`openid profile email
 * offline_access`) into every API access token's `scope` claim and into the token response.
 *
 * @example
 * resourceServerInfo(tenant, "https://orders-api.example.com", 600)?.scope;
 * // "openid profile email offline_access read:orders write:orders"
 */
export function resourceServerInfo(
  tenant: TenantStore,
  audience: string,
  accessTokenTtl: number,
): ResourceServer | undefined {
  const api = tenant.api(audience);
  if (!api) return undefined;
  return {
    audience: api.identifier,
    scope: [...oidcScopes, ...api.scopes.map((scope) => scope.value)].join(" "),
    accessTokenFormat: "jwt",
    accessTokenTTL: accessTokenTtl,
    jwt: { sign: { alg: "RS256" } },
  };
}
