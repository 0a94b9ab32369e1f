/**
 * The machine-to-machine application that the local authorization server registers for itself, so
 * that `npm run auth0:setup` and `npm run auth0:check` need no configuration in local mode. On a
 * real tenant you create this application yourself (see docs/your-tenant.md) and pass its
 * credentials in `AUTH0_MGMT_CLIENT_ID` / `AUTH0_MGMT_CLIENT_SECRET`.
 *
 * These values only ever work against the local server on `http://localhost`.
 */
export const localManagementClient = {
  clientId: "local-management-client",
  clientSecret: "local-management-client-secret-works-only-with-the-local-issuer",
  name: "Local Management API client",
} as const;

/**
 * The Management API scopes the two commands use: what the machine-to-machine application must
 * be granted on a real tenant, and all the local server grants its own.
 */
export const managementScopes = [
  "read:clients",
  "create:clients",
  "update:clients",
  "read:resource_servers",
  "create:resource_servers",
  "update:resource_servers",
  "read:guardian_factors",
  "update:guardian_factors",
  "read:actions",
  "create:actions",
  "update:actions",
] as const;

/** Auth0's Management API audience for an issuer: `https://<tenant>/api/v2/`. */
export const managementAudience = (issuerUrl: string): string => `${issuerUrl}api/v2/`;
