import type { Middleware } from "koa";
import type { TenantStore } from "../tenant/state";

/**
 * Keeps `offline_access` in authorization requests that do not say `prompt=consent`, when the
 * requested API allows offline access; drops it when the API does not, as Auth0 does (the sign-in
 * then gives no refresh token).
 *
 * oidc-provider follows OpenID Connect Core 11 to the letter and drops `offline_access` unless
 * the request has `prompt=consent`; Auth0 issues the refresh token anyway, and the Auth0 SDK
 * never sends that prompt. Adding it here makes oidc-provider keep the scope and ask for consent, which the
 * interaction routes then grant without a page (see `pages/interactions.ts`). `prompt=none` is left
 * alone: it cannot be combined with another prompt.
 *
 * @example
 * provider.use(keepOfflineAccess("/authorize", tenant));
 */
export function keepOfflineAccess(authorizePath: string, tenant: TenantStore): Middleware {
  return async (ctx, next) => {
    if (ctx.method === "GET" && ctx.path === authorizePath) {
      const { scope, prompt, audience } = ctx.query;
      const scopes = typeof scope === "string" ? scope.split(" ") : [];
      const prompts = typeof prompt === "string" ? prompt.split(" ").filter(Boolean) : [];
      const api = typeof audience === "string" ? tenant.api(audience) : undefined;
      if (scopes.includes("offline_access") && api && !api.allow_offline_access) {
        const kept = scopes.filter((value) => value !== "offline_access").join(" ");
        ctx.query = { ...ctx.query, scope: kept };
      } else if (
        scopes.includes("offline_access") &&
        !prompts.includes("consent") &&
        !prompts.includes("none")
      ) {
        ctx.query = { ...ctx.query, prompt: [...prompts, "consent"].join(" ") };
      }
    }
    return next();
  };
}
