import type { Middleware } from "koa";
import type { IssuerKeys } from "../storage/keys";
import type { TenantStore } from "../tenant/state";
import { managementTokenVerifier } from "./auth";
import { actionRoutes } from "./actions";
import { clientRoutes } from "./clients";
import { ManagementApiError } from "./errors";
import { guardianRoutes } from "./guardian";
import { resourceServerRoutes } from "./resource-servers";

const PREFIX = "/api/v2/";

/**
 * The subset of Auth0's Management API v2 that `npm run auth0:setup` and `auth0:check` use:
 * resource servers (list, create, get, update), clients (list, create, get, update), the
 * multi-factor factors (list, set) and Actions with the post-login bindings (`actions.ts`). This
 * checks the token and hands `/api/v2/<collection>[/<id>]` to the collection's routes; anything
 * else is Auth0's 404. Changes go to the tenant, which the provider and the refresh grant read on
 * every request: a created application can sign users in at once.
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
    ctx.set("Cache-Control", "no-store");
    try {
      // Before the token: a path that cannot be decoded names nothing to authorize.
      const id = rawId ? decodePathSegment(rawId) : undefined;
      const scopes = await verify(ctx);
      // Collections with paths of their own: `guardian/factors/otp`, `actions/actions/<id>/deploy`.
      const nested =
        collection === "guardian" ? guardianRoutes : collection === "actions" ? actionRoutes : null;
      if (nested) {
        const path = [rawId, ...rest].filter((part): part is string => part !== undefined);
        const body = await nested(ctx, options.tenant, scopes, path.map(decodePathSegment));
        if (body === undefined) throw new ManagementApiError(404, "Not Found");
        ctx.body = body;
        return;
      }
      const handler =
        rest.length > 0
          ? undefined
          : collection === "resource-servers"
            ? resourceServerRoutes
            : collection === "clients"
              ? clientRoutes
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

/** A path segment decoded, or Auth0's 400 for a malformed `%` escape (a URIError is a 500). */
function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ManagementApiError(400, "Invalid request URI: the path has a malformed % escape.");
  }
}
