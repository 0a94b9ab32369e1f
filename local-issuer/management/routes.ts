import { randomBytes } from "node:crypto";
import type { Context, Middleware } from "koa";
import type { z } from "zod";
import type { IssuerKeys } from "../storage/keys";
import type { ClientRecord, ResourceServerRecord, TenantStore } from "../tenant/state";
import { managementTokenVerifier, requireScope } from "./auth";
import {
  createClientBody,
  createResourceServerBody,
  updateClientBody,
  updateResourceServerBody,
} from "./bodies";
import { invalidBody, ManagementApiError } from "./errors";

const PREFIX = "/api/v2/";

/** Reads a JSON body of at most 100 kB, or throws Auth0's answer to a body that is not JSON. */
async function readJson(ctx: Context): Promise<unknown> {
  let text = "";
  for await (const chunk of ctx.req) {
    text += String(chunk);
    if (text.length > 100_000) throw new ManagementApiError(400, "Payload too large");
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ManagementApiError(400, "Invalid request payload JSON format");
  }
}

async function parseBody<T extends z.ZodType>(ctx: Context, schema: T): Promise<z.infer<T>> {
  const parsed = schema.safeParse(await readJson(ctx));
  if (!parsed.success) throw invalidBody(parsed.error);
  return parsed.data;
}

/** Auth0's list answer: a plain array, or a page with totals when `include_totals=true`. */
function page<T>(ctx: Context, name: string, items: readonly T[]): unknown {
  if (ctx.query.include_totals !== "true") return items;
  const perPage = Number(ctx.query.per_page ?? 50);
  const start = Number(ctx.query.page ?? 0) * perPage;
  return {
    [name]: items.slice(start, start + perPage),
    start,
    limit: perPage,
    total: items.length,
  };
}

const notFoundApi = () =>
  new ManagementApiError(404, "The resource server does not exist", "inexistent_resource_server");
const notFoundClient = () =>
  new ManagementApiError(404, "The client does not exist", "inexistent_client");

/** An API by its id or, as Auth0 also accepts, its identifier (URL-encoded). */
const findApi = (tenant: TenantStore, key: string) =>
  tenant.state.resource_servers.find((api) => api.id === key || api.identifier === key);

async function resourceServers(ctx: Context, tenant: TenantStore, scopes: string[], id?: string) {
  if (ctx.method === "GET" && id === undefined) {
    requireScope(scopes, "read:resource_servers");
    const wanted = [ctx.query.identifiers ?? []].flat();
    const apis = tenant.state.resource_servers.filter(
      (api) => wanted.length === 0 || wanted.includes(api.identifier),
    );
    return page(ctx, "resource_servers", apis);
  }
  if (ctx.method === "POST" && id === undefined) {
    requireScope(scopes, "create:resource_servers");
    const body = await parseBody(ctx, createResourceServerBody);
    if (tenant.api(body.identifier)) {
      throw new ManagementApiError(
        409,
        "A resource server with the same identifier already exists",
        "resource_server_conflict",
      );
    }
    const api: ResourceServerRecord = {
      id: randomBytes(12).toString("hex"),
      name: body.name ?? body.identifier,
      identifier: body.identifier,
      scopes: (body.scopes ?? []).map(({ value, description }) => ({
        value,
        description: description ?? "",
      })),
      signing_alg: "RS256",
      allow_offline_access: body.allow_offline_access ?? false,
      skip_consent_for_verifiable_first_party_clients:
        body.skip_consent_for_verifiable_first_party_clients ?? false,
    };
    tenant.update((draft) => void draft.resource_servers.push(api));
    ctx.status = 201;
    return api;
  }
  if (id === undefined) return undefined;
  if (ctx.method === "GET") {
    requireScope(scopes, "read:resource_servers");
    const api = findApi(tenant, id);
    if (!api) throw notFoundApi();
    return api;
  }
  if (ctx.method === "PATCH") {
    requireScope(scopes, "update:resource_servers");
    const body = await parseBody(ctx, updateResourceServerBody);
    const api = findApi(tenant, id);
    if (!api) throw notFoundApi();
    const scopesOf = body.scopes?.map(({ value, description }) => ({
      value,
      description: description ?? "",
    }));
    const updated: ResourceServerRecord = { ...api, ...body, scopes: scopesOf ?? api.scopes };
    tenant.update((draft) => {
      draft.resource_servers = draft.resource_servers.map((a) => (a.id === api.id ? updated : a));
    });
    return updated;
  }
  return undefined;
}

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

async function clients(ctx: Context, tenant: TenantStore, scopes: string[], id?: string) {
  if (ctx.method === "GET" && id === undefined) {
    requireScope(scopes, "read:clients");
    const list = tenant.state.clients.map((client) => shown(client, scopes));
    return page(ctx, "clients", list);
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
    ctx.status = 201;
    return client;
  }
  if (id === undefined) return undefined;
  if (ctx.method === "GET") {
    requireScope(scopes, "read:clients");
    const client = tenant.client(id);
    if (!client) throw notFoundClient();
    return shown(client, scopes);
  }
  if (ctx.method === "PATCH") {
    requireScope(scopes, "update:clients");
    const body = await parseBody(ctx, updateClientBody);
    const client = tenant.client(id);
    if (!client) throw notFoundClient();
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

/**
 * The subset of Auth0's Management API v2 that `npm run auth0:setup` and `auth0:check` use:
 * resource servers (list, create, get, update) and clients (list, create, get, update). Changes
 * go to the tenant, which the provider and the refresh grant read on every request: a created
 * application can sign users in at once.
 *
 * @example
 * provider.use(managementApi({ issuer, keys, tenant }));
 */
export function managementApi(options: {
  issuer: string;
  keys: IssuerKeys;
  tenant: TenantStore;
}): Middleware {
  const verify = managementTokenVerifier(options.issuer, options.keys);
  return async (ctx, next) => {
    if (!ctx.path.startsWith(PREFIX)) return next();
    const [collection, rawId, ...rest] = ctx.path.slice(PREFIX.length).split("/");
    const id = rawId ? decodeURIComponent(rawId) : undefined;
    ctx.set("Cache-Control", "no-store");
    try {
      const scopes = await verify(ctx);
      const handler =
        rest.length > 0
          ? undefined
          : collection === "resource-servers"
            ? resourceServers
            : collection === "clients"
              ? clients
              : undefined;
      const body = await handler?.(ctx, options.tenant, scopes, id);
      if (body === undefined) throw new ManagementApiError(404, "Not Found");
      ctx.body = body;
    } catch (error) {
      if (!(error instanceof ManagementApiError)) throw error;
      error.toResponse(ctx);
    }
  };
}
