/**
 * DPoP (RFC 9449) at the token endpoint, where oidc-provider's own support does not reach the way
 * Auth0 behaves. oidc-provider checks the proof of an authorization code exchange and binds its
 * access token (`features.dPoP`); this module adds what it does not do:
 *
 * - the refresh grant is this server's own (`refresh-grant.ts`), so it checks proofs here, with
 *   the same rules as the Payments API (`checkDpopProof`);
 * - Auth0 binds the refresh token to the key of the proof for every client ("a refresh token
 *   request requires a DPoP Proof JWT generated using the same key pair used in the original token
 *   request"); oidc-provider binds it only for public clients;
 * - an API that requires DPoP gets no token without a proof.
 */
import type { Middleware } from "koa";
import { errors, type KoaContextWithOIDC } from "oidc-provider";
import { checkDpopProof, type DpopProof } from "@/lib/demo-apis/dpop/check-dpop-proof";
import type { TenantStore } from "../tenant/state";

/** oidc-provider's window for `iat` at its own endpoints (5 minutes either way), kept here. */
const TOKEN_ENDPOINT_SKEW_SECONDS = 300;

/**
 * Refuses a token for `audience` when that API requires DPoP (`proof_of_possession` with
 * `mechanism: "dpop"` and `required`) and the request carries no proof. Call it only once a proof
 * that is present has been checked.
 *
 * @example
 * requireDpopFor(tenant, "https://payments-api.example.com", ctx.get("DPoP") !== "");
 */
export function requireDpopFor(tenant: TenantStore, audience: string, hasProof: boolean): void {
  const rule = tenant.api(audience)?.proof_of_possession;
  if (rule?.mechanism === "dpop" && rule.required && !hasProof) {
    throw new errors.InvalidRequest(`DPoP proof is required for the API ${audience}`);
  }
}

/**
 * The proof of a refresh_token request, checked (signature, `htm`, `htu` = this token endpoint,
 * `iat`) and recorded against replay in oidc-provider's replay store, the one its code grant
 * uses; undefined without a `DPoP` header. A bad proof is `invalid_dpop_proof`, as RFC 9449 §5
 * and oidc-provider's code grant answer it.
 *
 * @example
 * const proof = await refreshProof(ctx);
 * if (proof) accessToken.setThumbprint("jkt", proof.jkt);
 */
export async function refreshProof(ctx: KoaContextWithOIDC): Promise<DpopProof | undefined> {
  const header = ctx.get("DPoP");
  if (!header) return undefined;
  const result = await checkDpopProof(header, {
    method: ctx.method,
    url: ctx.oidc.urlFor("token"),
    maxSkewSeconds: TOKEN_ENDPOINT_SKEW_SECONDS,
  });
  if (!result.ok) throw new errors.InvalidDpopProof(result.description);
  if (result.proof.nonce !== undefined) {
    // Auth0 asks only public clients for nonces; this tenant has none, and hands out none.
    throw new errors.InvalidDpopProof("DPoP nonces are not supported");
  }
  const expiry = Math.floor(Date.now() / 1000) + 2 * TOKEN_ENDPOINT_SKEW_SECONDS;
  const { provider, client } = ctx.oidc;
  const unique = await provider.ReplayDetection.unique(
    client?.clientId ?? "",
    result.proof.jti,
    expiry,
  );
  if (!unique) throw new errors.InvalidDpopProof("DPoP proof JWT Replay detected");
  return result.proof;
}

/**
 * After a successful authorization code exchange with a proof, binds the new refresh token to the
 * proof's key, as Auth0 does for every client (oidc-provider: public clients only). The answer has
 * not left yet, so no request can use the refresh token before it is bound.
 *
 * @example
 * provider.use(bindCodeExchangeRefreshToken());
 */
export function bindCodeExchangeRefreshToken(): Middleware {
  return async (ctx, next) => {
    await next();
    const oidc = (ctx as Partial<KoaContextWithOIDC>).oidc;
    if (oidc?.route !== "token" || ctx.status !== 200) return;
    if (oidc.params?.grant_type !== "authorization_code") return;
    const { AccessToken: accessToken, RefreshToken: refreshToken } = oidc.entities;
    if (accessToken?.jkt && refreshToken && !refreshToken.jkt) {
      refreshToken.jkt = accessToken.jkt;
      await refreshToken.save();
    }
  };
}
