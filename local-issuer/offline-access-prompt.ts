import type { Middleware } from "koa";

/**
 * Keeps `offline_access` in authorization requests that do not say `prompt=consent`.
 *
 * oidc-provider follows OpenID Connect Core 11 to the letter and drops `offline_access` unless
 * the request has `prompt=consent`; Auth0 issues the refresh token anyway, and the Auth0 SDK
 * never sends that prompt. Adding it here makes oidc-provider keep the scope and ask for consent, which the
 * interaction routes then grant without a page (see `interactions.ts`). `prompt=none` is left
 * alone: it cannot be combined with another prompt.
 *
 * @example
 * provider.use(keepOfflineAccess("/authorize"));
 */
export function keepOfflineAccess(authorizePath: string): Middleware {
  return async (ctx, next) => {
    if (ctx.method === "GET" && ctx.path === authorizePath) {
      const { scope, prompt } = ctx.query;
      const scopes = typeof scope === "string" ? scope.split(" ") : [];
      const prompts = typeof prompt === "string" ? prompt.split(" ").filter(Boolean) : [];
      if (
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
