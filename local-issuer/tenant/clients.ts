import type { Adapter, AdapterPayload, ClientMetadata } from "oidc-provider";
import { localClient } from "@/config/local-client";
import { localManagementClient } from "@/config/local-management-client";
import { clientMetadata, MFA_OTP_GRANT } from "../config";
import type { TenantStore } from "./state";

/** The grant types this server implements; others in the tenant (`implicit`, ...) are ignored. */
const SUPPORTED_GRANTS = [
  "authorization_code",
  "refresh_token",
  "client_credentials",
  MFA_OTP_GRANT,
];

/**
 * oidc-provider's registration of a client, from the tenant's record of it: the callback URLs
 * become `redirect_uris`, the logout URLs `post_logout_redirect_uris`. The demo app's other
 * settings (secret, back-channel logout) come from `clientMetadata` in `local-issuer/config.ts`, the
 * machine-to-machine application's secret from `config/local-management-client.ts`; an
 * application created through the Management API carries its own generated secret.
 *
 * @example
 * tenantClientMetadata(tenant, "local-demo-app", ["http://localhost:3000"])?.redirect_uris;
 * // ["http://localhost:3000/auth/callback"]
 */
export function tenantClientMetadata(
  tenant: TenantStore,
  clientId: string,
  appBaseUrls: readonly string[],
): ClientMetadata | undefined {
  const record = tenant.client(clientId);
  if (!record) return undefined;
  const base: ClientMetadata =
    clientId === localClient.clientId
      ? clientMetadata(appBaseUrls)
      : {
          client_id: record.client_id,
          client_secret:
            record.client_secret ??
            (clientId === localManagementClient.clientId
              ? localManagementClient.clientSecret
              : undefined),
          client_name: record.name,
          token_endpoint_auth_method: record.token_endpoint_auth_method ?? "client_secret_post",
        };
  const canRedirect = record.callbacks.length > 0;
  return {
    ...base,
    redirect_uris: [...record.callbacks],
    post_logout_redirect_uris: [...record.allowed_logout_urls],
    // Without a callback URL no sign-in can finish: oidc-provider then wants no response type.
    response_types: canRedirect ? ["code"] : [],
    grant_types: record.grant_types.filter(
      (grant) =>
        SUPPORTED_GRANTS.includes(grant) && (canRedirect || grant !== "authorization_code"),
    ),
  };
}

/**
 * Wraps an adapter factory so that oidc-provider's `Client` model reads the tenant. Clients found
 * through the adapter are oidc-provider's "dynamic" clients: it re-validates them whenever their
 * metadata changes (it caches by a hash of it), so a Management API change applies at once.
 *
 * @example
 * const adapter = withTenantClients(fileAdapterFactory(store), tenant, appBaseUrls);
 */
export function withTenantClients(
  factory: (model: string) => Adapter,
  tenant: TenantStore,
  appBaseUrls: readonly string[],
): (model: string) => Adapter {
  return (model) => {
    const adapter = factory(model);
    if (model !== "Client") return adapter;
    return {
      ...adapter,
      find: async (id) =>
        tenantClientMetadata(tenant, id, appBaseUrls) as AdapterPayload | undefined,
    };
  };
}
