import "server-only";
import type { ApiError } from "./api-error";
import { issuerKeys } from "./issuer-keys";
import { readBearerToken } from "./read-bearer-token";
import { requireScope } from "./require-scope";
import { verifyAccessToken } from "./verify-access-token";
import type { VerifiedToken } from "@/lib/apis/shared-contract";

export type AuthorizeOptions = {
  /** The exact `iss` tokens must carry. */
  issuer: string;
  /** This API's identifier (`aud`). */
  audience: string;
  /** The one scope this route needs. */
  scope: string;
};

export type AuthorizeResult = { ok: true; token: VerifiedToken } | { ok: false; error: ApiError };

/**
 * The whole bearer check of one request, in the order RFC 6750 implies: a well-formed
 * `Authorization: Bearer` header (else 401 or 400), a valid token for this API (else 401
 * `invalid_token`), then the route's scope (else 403 `insufficient_scope`).
 *
 * Only the header is read: never a cookie, so a signed-in browser without a token gets nowhere.
 *
 * @example
 * const result = await authorizeRequest(request, {
 *   issuer: "http://localhost:4000/",
 *   audience: "https://orders-api.example.com",
 *   scope: "read:orders",
 * });
 * if (result.ok) console.log(result.token.sub);
 */
export async function authorizeRequest(
  request: Request,
  options: AuthorizeOptions,
): Promise<AuthorizeResult> {
  const header = readBearerToken(request.headers);
  if (!header.ok) return header;

  const verified = await verifyAccessToken(header.token, {
    issuer: options.issuer,
    audience: options.audience,
    keys: issuerKeys(options.issuer),
  });
  if (!verified.ok) return verified;

  const missingScope = requireScope(verified.token.scope, options.scope);
  return missingScope ? { ok: false, error: missingScope } : verified;
}
