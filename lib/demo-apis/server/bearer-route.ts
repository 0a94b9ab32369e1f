/**
 * The route wrapper of the demo APIs. Every request goes through the same four steps, in the
 * order RFC 6750 implies: read the `Authorization: Bearer` header (else 401 or 400), verify the
 * token for this API (else 401 `invalid_token`, `verify-access-token.ts`), authorize it for the
 * route's scope (else 403 `insufficient_scope`), then answer with the route's own logic. Every
 * refusal becomes its response in one place: `toResponse` in `api-error.ts`.
 */
import "server-only";
import type { VerifiedToken } from "@/lib/demo-apis/contracts/shared-contract";
import { apiEnv } from "./api-env";
import { toResponse } from "./api-error";
import { setApiHeaders } from "./api-headers";
import type { ApiError, ApiIdentity } from "./api-error";
import { boundKeyOf, issuerKeys, verifyAccessToken } from "./verify-access-token";

/** What a route's own logic returns: the body to send, or an error to turn into a response. */
export type RouteOutcome<Body> = { ok: true; body: Body } | { ok: false; error: ApiError };

/**
 * A route's own logic; it only runs once the token has been verified and has the scope. Its body
 * echoes that `token`, so the caller can see what the API received.
 */
type RouteHandler<Body extends { token: VerifiedToken }> = (
  request: Request,
  token: VerifiedToken,
) => RouteOutcome<Body> | Promise<RouteOutcome<Body>>;

type BearerRouteOptions<Api extends ApiIdentity> = {
  /** The API this route belongs to (from `config/apis.ts`): its name is the challenge's realm. */
  api: Api;
  /** The scope the token must grant for this route: one that this API defines. */
  scope: Api["scopes"][number];
};

/**
 * Wraps a route handler in the bearer check. The handler only runs for a verified token with the
 * right scope, and receives that token; every answer, success or error, gets the APIs' headers
 * (`api-headers.ts`: security headers, `Cache-Control: no-store`, CORS).
 *
 * Next.js never caches these handlers: route handlers are dynamic by default since Next 15, and
 * reading the `Authorization` header would make them dynamic anyway.
 *
 * @example
 * export const GET = bearerRoute(
 *   { api: apis.orders, scope: "read:orders" },
 *   (_request, token): RouteOutcome<OrdersResponse> => ({
 *     ok: true,
 *     body: { orders: ordersFor(token.sub), token },
 *   }),
 * );
 */
export function bearerRoute<Api extends ApiIdentity, Body extends { token: VerifiedToken }>(
  options: BearerRouteOptions<Api>,
  handler: RouteHandler<Body>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const env = apiEnv();
    const response = await answer(request, env.issuerUrl, options, handler);
    setApiHeaders(response.headers, request, env.appOrigin);
    // So that the browser code can read why a request was refused.
    response.headers.set("Access-Control-Expose-Headers", "WWW-Authenticate");
    return response;
  };
}

async function answer<Body extends { token: VerifiedToken }>(
  request: Request,
  issuer: string,
  { api, scope }: BearerRouteOptions<ApiIdentity>,
  handler: RouteHandler<Body>,
): Promise<Response> {
  // Read. Only the header: never a cookie, so a signed-in browser without a token gets nowhere.
  const header = readBearerToken(request.headers);
  if (!header.ok) return toResponse(header.error, api);

  // Verify.
  const verified = await verifyAccessToken(header.token, {
    issuer,
    audience: api.audience,
    keys: issuerKeys(issuer),
  });
  if (!verified.ok) return toResponse(verified.error, api);
  // A token bound to a DPoP key is useless without a proof of that key: taking it as Bearer
  // would make the binding worthless wherever it leaked (RFC 9449 §7.2).
  if (boundKeyOf(header.token)) {
    const description =
      "The access token is bound to a DPoP key (cnf.jkt): it is not accepted as a Bearer token.";
    return toResponse({ code: "invalid_token", reason: "bound_token", description }, api);
  }

  // Authorize.
  const missingScope = requireScope(verified.token.scope, scope);
  if (missingScope) return toResponse(missingScope, api);

  // Answer.
  const outcome = await handler(request, verified.token);
  return outcome.ok ? Response.json(outcome.body) : toResponse(outcome.error, api);
}

// RFC 6750 §2.1: `Bearer 1*SP b64token`, where b64token is this character set (a JWT fits).
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

type ReadTokenResult = { ok: true; token: string } | { ok: false; error: ApiError };

/**
 * Takes the access token out of the `Authorization` header, the only place these APIs accept it
 * (no `access_token` query parameter or form field: those end up in logs).
 *
 * - No header, or another scheme such as `Basic`: `missing_token`. RFC 6750 §3.1 says a request
 *   without (Bearer) credentials gets a challenge with no error code: the client may simply not
 *   have known that a token was needed.
 * - `Bearer` with no token, several tokens, or characters outside b64token: `invalid_request`
 *   (400), the RFC's code for a malformed request.
 *
 * @example
 * const result = readBearerToken(request.headers);
 * if (result.ok) console.log(result.token.slice(0, 10));
 */
export function readBearerToken(headers: Headers): ReadTokenResult {
  return readAuthorization(headers, "Bearer");
}

/**
 * Takes the access token of `scheme` out of the `Authorization` header, with the rules of
 * {@link readBearerToken}: the DPoP scheme (RFC 9449 §7.1) carries the token the same way.
 *
 * @example
 * const result = readAuthorization(request.headers, "DPoP");
 */
export function readAuthorization(headers: Headers, expected: "Bearer" | "DPoP"): ReadTokenResult {
  const header = headers.get("authorization");
  if (!header) return { ok: false, error: { code: "missing_token" } };

  const [scheme = "", ...rest] = header.split(/ +/);
  // The auth-scheme is case-insensitive (RFC 9110 §11.1).
  if (scheme.toLowerCase() !== expected.toLowerCase()) {
    return { ok: false, error: { code: "missing_token" } };
  }

  const malformed = (description: string): ReadTokenResult => ({
    ok: false,
    error: { code: "invalid_request", description },
  });
  if (rest.length === 0) {
    return malformed(`The Authorization header says "${expected}" but carries no token after it.`);
  }
  if (rest.length > 1) {
    return malformed(
      `The Authorization header must hold exactly one token: "${expected} <token>".`,
    );
  }
  const token = rest[0] ?? "";
  if (!B64TOKEN.test(token)) {
    return malformed(
      "The access token contains characters that a token cannot have (RFC 6750 §2.1); was the " +
        "header sent twice or the token quoted?",
    );
  }
  return { ok: true, token };
}

/** The `insufficient_scope` error (403) when the token's `scope` lacks `needed`, else `null`. */
export function requireScope(granted: string | null, needed: string): ApiError | null {
  const scopes = (granted ?? "").split(" ").filter(Boolean);
  if (scopes.includes(needed)) return null;
  return {
    code: "insufficient_scope",
    scope: needed,
    grantedScope: scopes.join(" "),
    description:
      `This request needs the scope ${needed}; the access token grants ` +
      (scopes.length > 0 ? `only "${scopes.join(" ")}".` : "no scopes at all."),
  };
}
