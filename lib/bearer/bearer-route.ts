import "server-only";
import type { ApiError } from "./api-error";
import { apiEnv } from "./api-env";
import { authorizeRequest } from "./authorize-request";
import { preflightResponse, withCors } from "./cors";
import type { RouteMethods } from "./cors";
import { toErrorResponse } from "./error-response";
import type { ApiIdentity } from "./error-response";
import type { VerifiedToken } from "@/lib/apis/shared-contract";

/** What a route's own logic returns: data to send, or an error to turn into a response. */
export type RouteOutcome =
  { ok: true; body: Record<string, unknown> } | { ok: false; error: ApiError };

/** A route's own logic; it only runs once the token has been verified and has the scope. */
export type RouteHandler = (
  request: Request,
  token: VerifiedToken,
) => RouteOutcome | Promise<RouteOutcome>;

export type BearerRouteOptions<Api extends ApiIdentity> = {
  /** The API this route belongs to (from `config/apis.ts`): its name is the challenge's realm. */
  api: Api;
  /** The scope the token must grant for this route: one that this API defines. */
  scope: Api["scopes"][number];
};

/**
 * Wraps a route handler in the bearer check. The handler only runs for a verified token with the
 * right scope, and receives that token; every answer, success or error, gets
 * `Cache-Control: no-store` (it is per user) and the CORS headers. A successful JSON body also
 * carries `token: { sub, aud, scope, azp, exp }`, so the caller can see what the API received.
 *
 * Next.js never caches these handlers: route handlers are dynamic by default since Next 15, and
 * reading the `Authorization` header would make them dynamic anyway.
 *
 * @example
 * export const GET = bearerRoute({ api: apis.orders, scope: "read:orders" }, (_request, token) => ({
 *   ok: true,
 *   body: { orders: ordersFor(token.sub) },
 * }));
 */
export function bearerRoute<Api extends ApiIdentity>(
  options: BearerRouteOptions<Api>,
  handler: RouteHandler,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const env = apiEnv();
    const response = await answer(request, env.issuerUrl, options, handler);
    response.headers.set("Cache-Control", "no-store");
    return withCors(response, request, env.appOrigin);
  };
}

async function answer(
  request: Request,
  issuer: string,
  { api, scope }: BearerRouteOptions<ApiIdentity>,
  handler: RouteHandler,
): Promise<Response> {
  const auth = await authorizeRequest(request, { issuer, audience: api.audience, scope });
  if (!auth.ok) return toErrorResponse(auth.error, api);
  const outcome = await handler(request, auth.token);
  if (!outcome.ok) return toErrorResponse(outcome.error, api);
  return Response.json({ ...outcome.body, token: auth.token });
}

/**
 * The `OPTIONS` handler of a route: a CORS preflight answer listing `methods`.
 *
 * @example
 * export const OPTIONS = preflightRoute(["GET", "PATCH", "OPTIONS"]);
 */
export function preflightRoute(methods: RouteMethods): (request: Request) => Response {
  return (request) => {
    const response = preflightResponse(request, methods, apiEnv().appOrigin);
    response.headers.set("Cache-Control", "no-store");
    return response;
  };
}
