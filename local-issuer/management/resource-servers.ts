import { randomBytes } from "node:crypto";
import type { Context } from "koa";
import type { ResourceServerRecord, TenantStore } from "../tenant/state";
import { requireScope } from "./auth";
import { createResourceServerBody, updateResourceServerBody } from "./bodies";
import { ManagementApiError } from "./errors";
import { created, found, listAnswer, parseBody } from "./http";

const notFoundApi = () =>
  new ManagementApiError(404, "The resource server does not exist", "inexistent_resource_server");

/** An API by its id or, as Auth0 also accepts, its identifier (URL-encoded). */
const findApi = (tenant: TenantStore, key: string) =>
  tenant.state.resource_servers.find((api) => api.id === key || api.identifier === key);

/**
 * `/api/v2/resource-servers`: list (by `identifiers`, paged), create, and get or update one by id
 * or identifier. Answers undefined for a method it does not serve (the dispatcher's 404).
 *
 * @example
 * const api = await resourceServerRoutes(ctx, tenant, ["read:resource_servers"], id);
 */
export async function resourceServerRoutes(
  ctx: Context,
  tenant: TenantStore,
  scopes: string[],
  id?: string,
) {
  if (ctx.method === "GET" && id === undefined) {
    requireScope(scopes, "read:resource_servers");
    const wanted = [ctx.query.identifiers ?? []].flat();
    const apis = tenant.state.resource_servers.filter(
      (api) => wanted.length === 0 || wanted.includes(api.identifier),
    );
    return listAnswer(ctx, "resource_servers", apis);
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
      ...(body.proof_of_possession ? { proof_of_possession: body.proof_of_possession } : {}),
    };
    tenant.update((draft) => void draft.resource_servers.push(api));
    return created(ctx, api);
  }
  if (id === undefined) return undefined;
  if (ctx.method === "GET") {
    requireScope(scopes, "read:resource_servers");
    const api = found(findApi(tenant, id), notFoundApi);
    return api;
  }
  if (ctx.method === "PATCH") {
    requireScope(scopes, "update:resource_servers");
    const body = await parseBody(ctx, updateResourceServerBody);
    const api = found(findApi(tenant, id), notFoundApi);
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
