import { errors, type Provider, type TokenEndpointGrantContext } from "oidc-provider";
import {
  localManagementClient,
  managementAudience,
  managementScopes,
} from "@/config/local-management-client";
import type { TenantStore } from "../tenant/state";

type Params = { audience?: string };

/** Auth0's "client grants": which client may get tokens for which API, with which scopes. */
const clientGrants: Record<string, { audience: "management"; scopes: readonly string[] }> = {
  [localManagementClient.clientId]: { audience: "management", scopes: managementScopes },
};

/**
 * The client_credentials grant as Auth0 answers it: `audience` is required; a client gets a token
 * only for an API it has a client grant for, with the requested scopes (all granted ones when
 * `scope` is omitted). The one client grant here is the issuer's own machine-to-machine
 * application for the Management API (`<issuer>api/v2/`).
 *
 * @example
 * registerClientCredentialsGrant(provider, { issuer: "http://localhost:4000/", tenant });
 */
export function registerClientCredentialsGrant(
  provider: Provider,
  options: { issuer: string; tenant: TenantStore },
): void {
  const audienceOfManagement = managementAudience(options.issuer);

  async function handler(ctx: TokenEndpointGrantContext<Params>): Promise<void> {
    const { client, params } = ctx.oidc;
    const { audience } = params;
    if (!audience) {
      throw new errors.AccessDenied(
        "No audience parameter was provided, and no default audience has been configured",
      );
    }
    if (audience !== audienceOfManagement && !options.tenant.api(audience)) {
      throw new errors.AccessDenied(`Service not enabled within domain: ${audience}`);
    }
    const grant = clientGrants[client.clientId];
    if (!grant || audience !== audienceOfManagement) {
      throw new errors.AccessDenied(
        `Client is not authorized to access "${audience}". You need to create a "client-grant" ` +
          "associated to this API.",
      );
    }
    const requested = params.scope?.split(" ").filter(Boolean);
    const missing = (requested ?? []).filter((scope) => !grant.scopes.includes(scope));
    if (missing.length > 0) {
      throw new errors.AccessDenied(`Client has not been granted scopes: ${missing.join(", ")}`);
    }
    const scope = (requested ?? grant.scopes).join(" ");

    const token = new provider.ClientCredentials({ client, scope });
    token.resourceServer = new provider.ResourceServer(audience, {
      audience,
      scope: grant.scopes.join(" "),
      accessTokenFormat: "jwt",
      accessTokenTTL: 24 * 60 * 60,
      jwt: { sign: { alg: "RS256" } },
    });
    ctx.oidc.entity("ClientCredentials", token);
    ctx.body = {
      access_token: await token.save(),
      token_type: "Bearer",
      expires_in: token.expiration,
      scope,
    };
  }

  provider.registerGrantType<Params>("client_credentials", handler, ["audience", "scope"]);
}
