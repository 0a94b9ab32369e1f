import { randomBytes } from "node:crypto";
import type { Context } from "koa";
import type { ClientRecord, TenantStore } from "../tenant/state";
import { requireScope } from "./auth";
import { createClientBody, updateClientBody } from "./bodies";
import { ManagementApiError } from "./errors";
import { created, found, listAnswer, parseBody } from "./http";

const notFoundClient = () =>
  new ManagementApiError(404, "The client does not exist", "inexistent_client");

/** A new application's settings where the request says nothing: Auth0's defaults. */
const newClientDefaults = {
  app_type: "regular_web",
  token_endpoint_auth_method: "client_secret_post",
  is_first_party: true,
  oidc_conformant: true,
  callbacks: [],
  allowed_logout_urls: [],
  grant_types: ["authorization_code", "implicit", "refresh_token", "client_credentials"],
} as const;

/** Auth0 shows a client's secret only to a token with `read:client_keys`, or once, at creation. */
const shown = (client: ClientRecord, scopes: readonly string[]) => {
  if (scopes.includes("read:client_keys")) return client;
  return { ...client, client_secret: undefined };
};

/**
 * `/api/v2/clients`: list (paged), create (with a generated id and secret), and get or update one
 * by id. Answers undefined for a method it does not serve (the dispatcher's 404).
 *
 * @example
 * const client = await clientRoutes(ctx, tenant, ["read:clients"], "local-demo-app");
 */
export async function clientRoutes(
  ctx: Context,
  tenant: TenantStore,
  scopes: string[],
  id?: string,
) {
  if (ctx.method === "GET" && id === undefined) {
    requireScope(scopes, "read:clients");
    const list = tenant.state.clients.map((client) => shown(client, scopes));
    return listAnswer(ctx, "clients", list);
  }
  if (ctx.method === "POST" && id === undefined) {
    requireScope(scopes, "create:clients");
    const body = await parseBody(ctx, createClientBody);
    const client: ClientRecord = {
      ...newClientDefaults,
      ...body,
      client_id: randomBytes(16).toString("hex"),
      client_secret: randomBytes(48).toString("base64url"),
      callbacks: body.callbacks ?? [],
      allowed_logout_urls: body.allowed_logout_urls ?? [],
      grant_types: body.grant_types ?? [...newClientDefaults.grant_types],
      refresh_token: {
        rotation_type: "non-rotating",
        expiration_type: "non-expiring",
        leeway: 0,
        policies: [],
        ...body.refresh_token,
      },
    };
    tenant.update((draft) => void draft.clients.push(client));
    return created(ctx, client);
  }
  if (id === undefined) return undefined;
  if (ctx.method === "GET") {
    requireScope(scopes, "read:clients");
    const client = found(tenant.client(id), notFoundClient);
    return shown(client, scopes);
  }
  if (ctx.method === "PATCH") {
    requireScope(scopes, "update:clients");
    const body = await parseBody(ctx, updateClientBody);
    const client = found(tenant.client(id), notFoundClient);
    const updated: ClientRecord = {
      ...client,
      ...body,
      refresh_token: { ...client.refresh_token, ...body.refresh_token },
    };
    tenant.update((draft) => {
      draft.clients = draft.clients.map((c) => (c.client_id === id ? updated : c));
    });
    return shown(updated, scopes);
  }
  return undefined;
}
