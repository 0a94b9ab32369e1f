import {
  errors,
  type KoaContextWithOIDC,
  type RefreshToken,
  type TokenEndpointGrantContext,
} from "oidc-provider";
import type { IssuerStats } from "../stats/issuer-stats";
import { consumeOnce } from "../storage/file-adapter";
import type { FileStore } from "../storage/file-store";

/**
 * Revokes a whole grant: its refresh tokens, stored access tokens and codes, and the grant
 * itself, then emits `grant.revoked` as oidc-provider does when it revokes one.
 *
 * @example
 * await revokeGrant(ctx, refreshToken.grantId);
 */
export async function revokeGrant(ctx: KoaContextWithOIDC, grantId: string): Promise<void> {
  const { provider } = ctx.oidc;
  await Promise.all([
    provider.RefreshToken.revokeByGrantId(grantId),
    provider.AccessToken.revokeByGrantId(grantId),
    provider.AuthorizationCode.revokeByGrantId(grantId),
    provider.Grant.adapter.destroy(grantId),
  ]);
  provider.emit("grant.revoked", ctx, grantId);
}

/**
 * Spends a refresh token and returns its successor, as Auth0's refresh token rotation does.
 *
 * A token that was already spent is a reuse. Within `reuseIntervalSeconds` of its first use it
 * still works (Auth0's "reuse interval", for clients that race themselves); after that it is
 * treated as stolen: the whole grant is revoked, so the newest token of the family stops working
 * too, and the request fails with `invalid_grant`.
 *
 * @example
 * const options = { store, stats, reuseIntervalSeconds: 0 };
 * const successor = await rotateRefreshToken(ctx, refreshToken, options);
 */
export async function rotateRefreshToken(
  ctx: TokenEndpointGrantContext,
  token: RefreshToken,
  options: { store: FileStore; stats: IssuerStats; reuseIntervalSeconds: number },
): Promise<RefreshToken> {
  const { provider, client } = ctx.oidc;
  const grantId = token.grantId ?? "";
  const gty = token.gty ?? "";
  const use = consumeOnce(options.store, "RefreshToken", token.jti);

  if (use.state === "missing") throw new errors.InvalidGrant("refresh token not found");
  if (use.state === "used") {
    const age = Date.now() / 1000 - use.at;
    if (age > options.reuseIntervalSeconds) {
      options.stats.countReuse("revoked");
      await revokeGrant(ctx, grantId);
      throw new errors.InvalidGrant(
        `refresh token already used ${age.toFixed(1)}s ago (reuse interval ` +
          `${options.reuseIntervalSeconds}s): the grant was revoked`,
      );
    }
    options.stats.countReuse("within-interval");
  }

  const successor = new provider.RefreshToken({
    accountId: token.accountId,
    acr: token.acr,
    amr: token.amr,
    authTime: token.authTime,
    claims: token.claims,
    client,
    expiresWithSession: token.expiresWithSession,
    iiat: token.iiat,
    // A DPoP-bound refresh token's successor stays bound to the same key.
    jkt: token.jkt,
    grantId,
    gty: gty.endsWith("refresh_token") ? gty : `${gty} refresh_token`.trim(),
    nonce: token.nonce,
    resource: token.resource,
    rotations: (token.rotations ?? 0) + 1,
    scope: token.scope ?? "",
    sessionUid: token.sessionUid,
    sid: token.sid,
  });
  return successor;
}
