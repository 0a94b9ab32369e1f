import { randomBytes } from "node:crypto";
import { ManagementClient } from "auth0";
import {
  localManagementClient,
  managementAudience,
  managementScopes,
} from "@/config/local-management-client";
import { parseEnv, type ServerEnv } from "@/lib/env/server-env";

/** The tenant the app is configured for, and a Management API client for it. */
export type TenantConnection = {
  env: ServerEnv;
  management: ManagementClient;
  /** Where the Management API credentials came from, for messages. */
  credentials: "local" | "env" | "missing";
};

/**
 * `ManagementClient` only builds `https://<domain>` URLs (for the API and for its token request).
 * The local authorization server speaks http on localhost: its requests are sent there instead.
 */
const localHttp: typeof fetch = (input, init) =>
  fetch(
    (input instanceof Request ? input.url : String(input)).replace(
      /^https:\/\/localhost:/,
      "http://localhost:",
    ),
    input instanceof Request ? { ...init, method: input.method, headers: input.headers } : init,
  );

/** Stands for the application's values in `env` until `auth0:setup` has created it. */
export const NOT_CREATED_YET = "(created by auth0:setup)";

/**
 * Reads the app's configuration (`lib/env/server-env.ts`, the same rules as the app) and connects to its
 * tenant's Management API with `AUTH0_MGMT_CLIENT_ID` / `AUTH0_MGMT_CLIENT_SECRET`. In local mode
 * they default to the local server's own machine-to-machine application. With `newApp` the
 * application's variables are not read (it does not exist yet): `env.clientId` and
 * `env.clientSecret` are {@link NOT_CREATED_YET}, `env.secret` a freshly generated cookie secret.
 *
 * @example
 * const { env, management } = connectToTenant(process.env);
 * for await (const api of await management.resourceServers.list()) console.log(api.identifier);
 */
export function connectToTenant(
  source: Record<string, string | undefined>,
  options: { newApp?: boolean } = {},
): TenantConnection {
  // These commands set a tenant up, they serve nothing: without a NODE_ENV they read the
  // configuration as `npm run dev` does, so the local tenant can be set up and checked.
  const configured = { ...source, NODE_ENV: source.NODE_ENV ?? "development" };
  const env = parseEnv(
    options.newApp
      ? {
          ...configured,
          AUTH0_CLIENT_ID: NOT_CREATED_YET,
          AUTH0_CLIENT_SECRET: NOT_CREATED_YET,
          AUTH0_SECRET: randomBytes(32).toString("hex"),
        }
      : configured,
  );
  const local = env.mode === "local";
  const clientId =
    source.AUTH0_MGMT_CLIENT_ID || (local ? localManagementClient.clientId : undefined);
  const clientSecret =
    source.AUTH0_MGMT_CLIENT_SECRET || (local ? localManagementClient.clientSecret : undefined);
  const management = new ManagementClient({
    domain: new URL(env.issuerUrl).host,
    audience: managementAudience(env.issuerUrl),
    clientId: clientId ?? "AUTH0_MGMT_CLIENT_ID-is-missing",
    clientSecret: clientSecret ?? "",
    maxRetries: 0,
    timeoutInSeconds: 15,
    ...(local ? { fetch: localHttp } : {}),
  });
  const credentials = source.AUTH0_MGMT_CLIENT_ID ? "env" : local ? "local" : "missing";
  return { env, management, credentials: clientId && clientSecret ? credentials : "missing" };
}

/** What to do when the Management API cannot be used, as one sentence. */
export const MANAGEMENT_FIX =
  "create a Machine to Machine application authorized for the Auth0 Management API with the " +
  `scopes ${managementScopes.join(" ")}, and put its credentials in AUTH0_MGMT_CLIENT_ID and ` +
  "AUTH0_MGMT_CLIENT_SECRET (in .env.local)";
