import type { ResourceServer } from "oidc-provider";
import { oidcScopes } from "@/config/apis";
import { localApis } from "./config";

/**
 * How oidc-provider should issue tokens for an API, or undefined for an unknown audience.
 *
 * The OIDC scopes are listed as scopes of every API on purpose: oidc-provider only keeps scopes
 * that the resource server defines, and Auth0 puts the granted OIDC scopes (`openid profile email
 * offline_access`) into every API access token's `scope` claim and into the token response.
 *
 * @example
 * resourceServerInfo("https://orders-api.example.com", 600)?.scope;
 * // "openid profile email offline_access read:orders write:orders"
 */
export function resourceServerInfo(
  audience: string,
  accessTokenTtl: number,
): ResourceServer | undefined {
  const api = localApis.find((candidate) => candidate.audience === audience);
  if (!api) return undefined;
  return {
    audience: api.audience,
    scope: [...oidcScopes, ...api.scopes].join(" "),
    accessTokenFormat: "jwt",
    accessTokenTTL: accessTokenTtl,
    jwt: { sign: { alg: "RS256" } },
  };
}
