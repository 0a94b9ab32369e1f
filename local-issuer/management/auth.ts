import { importJWK, jwtVerify, type JWK } from "jose";
import type { Context } from "koa";
import { managementAudience } from "@/config/local-management-client";
import type { IssuerKeys } from "../storage/keys";
import { ManagementApiError } from "./errors";

/**
 * Checks the bearer token of a Management API request as Auth0 does: a JWT of this issuer for the
 * `<issuer>api/v2/` audience. Returns its scopes; throws Auth0's 401 answers otherwise.
 *
 * @example
 * const verify = managementTokenVerifier(issuer, keys);
 * const scopes = await verify(ctx);
 */
export function managementTokenVerifier(issuer: string, keys: IssuerKeys) {
  const { kty, n, e, kid, alg } = keys.signingKey;
  const publicKey = importJWK({ kty, n, e, kid, alg } satisfies JWK, "RS256");
  const audience = managementAudience(issuer);

  return async (ctx: Context): Promise<string[]> => {
    const [kind, token] = (ctx.get("authorization") || "").split(" ");
    if (kind?.toLowerCase() !== "bearer" || !token) {
      throw new ManagementApiError(401, "Missing authentication");
    }
    try {
      const { payload } = await jwtVerify(token, await publicKey, {
        issuer,
        algorithms: ["RS256"],
      });
      const audiences = [payload.aud ?? []].flat();
      if (!audiences.includes(audience)) {
        throw new ManagementApiError(401, `Bad audience: ${audiences.join(" ")}`);
      }
      return typeof payload.scope === "string" ? payload.scope.split(" ") : [];
    } catch (error) {
      if (error instanceof ManagementApiError) throw error;
      throw new ManagementApiError(401, "Invalid token");
    }
  };
}

/**
 * Throws Auth0's 403 when the token lacks the endpoint's scope.
 *
 * @example
 * requireScope(scopes, "read:clients");
 */
export function requireScope(scopes: readonly string[], needed: string): void {
  if (!scopes.includes(needed)) {
    throw new ManagementApiError(
      403,
      `Insufficient scope, expected any of: ${needed}`,
      "insufficient_scope",
    );
  }
}
