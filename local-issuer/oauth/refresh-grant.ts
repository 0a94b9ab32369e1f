import { errors, type Provider, type TokenEndpointGrantContext } from "oidc-provider";
import type { IssuerStats } from "../stats/issuer-stats";
import type { FileStore } from "../storage/file-store";
import { findAccount } from "../tenant/accounts";
import { resourceServerInfo } from "../tenant/resource-servers";
import type { TenantStore } from "../tenant/state";
import { mfaRequired } from "@/local-issuer/mfa/mfa-required";
import { applyStepUp, stepUpRulesOf } from "@/local-issuer/mfa/step-up";
import { refreshProof, requireDpopFor } from "./dpop";
import { issueIdToken, tokenAnswer } from "./token-answer";
import { resolveMrrt } from "./mrrt-policy";
import { rotateRefreshToken } from "./refresh-rotation";

export type RefreshGrantOptions = {
  /** Where the client's refresh token settings (policies, rotation, reuse interval) live. */
  tenant: TenantStore;
  strict: boolean;
  accessTokenTtl: number;
  store: FileStore;
  stats: IssuerStats;
  /** Seconds an `mfa_token` from a refused step-up stays usable (Auth0: 600). */
  mfaTokenTtl: number;
};

type RefreshParams = { refresh_token?: string; audience?: string };

/**
 * Replaces oidc-provider's refresh_token grant with one that behaves like Auth0's: it accepts
 * `audience`, applies the Multi-Resource Refresh Token rules ({@link resolveMrrt}) with the client's
 * policies, rotates the refresh token (when the client's rotation is on) with reuse detection and
 * its reuse interval, and answers with a new access token (DPoP-bound when the request carries a
 * proof, `dpop.ts`), the rotated refresh token and, when `openid` is in scope, an ID token.
 *
 * The built-in grant cannot be configured into this: it requires the requested scopes to be a
 * subset of the refresh token's and knows no reuse interval. `registerGrantType` replaces it.
 *
 * @example
 * registerRefreshGrant(provider, { tenant, strict: false, accessTokenTtl: 600, store, stats });
 */
export function registerRefreshGrant(provider: Provider, options: RefreshGrantOptions): void {
  async function handler(ctx: TokenEndpointGrantContext<RefreshParams>): Promise<void> {
    const { client, params } = ctx.oidc;
    if (!params.refresh_token) {
      throw new errors.InvalidRequest("missing required parameter 'refresh_token'");
    }

    const token = await provider.RefreshToken.find(params.refresh_token, {
      ignoreExpiration: true,
    });
    if (!token) throw new errors.InvalidGrant("refresh token not found");
    if (token.clientId !== client.clientId) throw new errors.InvalidGrant("client mismatch");
    if (token.isExpired) throw new errors.InvalidGrant("refresh token is expired");
    const grant = await provider.Grant.find(token.grantId ?? "");
    if (!grant || grant.clientId !== client.clientId || grant.accountId !== token.accountId) {
      throw new errors.InvalidGrant("grant not found (revoked or expired)");
    }
    const account = findAccount(token.accountId, token.authTime);
    if (!account) throw new errors.InvalidGrant("refresh token's user no longer exists");

    // DPoP before anything is decided or spent: a refused proof changes nothing.
    const proof = await refreshProof(ctx);
    if (token.jkt && token.jkt !== proof?.jkt) {
      throw new errors.InvalidGrant(
        proof
          ? "the refresh token is bound to another DPoP key"
          : "the refresh token is DPoP-bound: send a DPoP proof made with its key",
      );
    }

    // Read per request: the Management API may have changed them since the last one.
    const settings = options.tenant.client(client.clientId)?.refresh_token;
    const decision = resolveMrrt(
      settings?.policies ?? [],
      {
        audience: Array.isArray(token.resource) ? token.resource[0] : token.resource,
        scopes: [...token.scopes],
      },
      { audience: params.audience || undefined, scopes: params.scope?.split(" ").filter(Boolean) },
      options.strict,
    );
    if (!decision.ok) throw new errors.AccessDenied(decision.description);
    if (decision.audience) requireDpopFor(options.tenant, decision.audience, proof !== undefined);
    options.stats.countRule(decision.rule);
    options.stats.note(ctx, `MRRT rule ${decision.rule}`);
    if (decision.dropped.length > 0) {
      options.stats.note(ctx, `rule 3 dropped "${decision.dropped.join(" ")}"`);
    }

    // Step-up before rotation: a refused refresh must not spend the refresh token.
    const requested = params.scope?.split(" ").filter(Boolean);
    const rules = stepUpRulesOf(options.tenant.state);
    const stepUp = applyStepUp(decision.audience, decision.scopes, requested, token.amr, rules);
    if (stepUp.kind === "mfa_required") {
      throw mfaRequired(
        ctx,
        options.store,
        {
          accountId: token.accountId,
          clientId: client.clientId,
          grantId: grant.jti,
          sessionUid: token.sessionUid,
          sid: token.sid,
          audience: decision.audience ?? "",
          scopes: stepUp.scopes,
        },
        options.mfaTokenTtl,
      );
    }

    // Without rotation the refresh token stays valid and the answer carries none, as Auth0's.
    let refreshToken: string | undefined;
    if (settings?.rotation_type === "rotating") {
      const successor = await rotateRefreshToken(ctx, token, {
        ...options,
        reuseIntervalSeconds: settings.leeway,
      });
      ctx.oidc.entity("RefreshToken", successor);
      refreshToken = await successor.save();
    }

    const scope = stepUp.scopes.join(" ");
    const accessToken = new provider.AccessToken({
      accountId: token.accountId,
      client,
      expiresWithSession: token.expiresWithSession,
      grantId: grant.jti,
      gty: `${(token.gty ?? "").replace(/ ?refresh_token$/, "")} refresh_token`.trim(),
      sessionUid: token.sessionUid,
      sid: token.sid,
      scope,
    });
    const info =
      decision.audience &&
      resourceServerInfo(options.tenant, decision.audience, options.accessTokenTtl);
    if (info) {
      accessToken.resourceServer = new provider.ResourceServer(info.audience ?? "", info);
    } else {
      accessToken.claims = token.claims;
    }
    // The `cnf.jkt` claim and `token_type: "DPoP"` follow from the thumbprint.
    if (proof) accessToken.setThumbprint("jkt", proof.jkt);
    ctx.oidc.entity("AccessToken", accessToken);

    const idToken = stepUp.scopes.includes("openid")
      ? await issueIdToken(ctx, account, scope, {
          acr: token.acr,
          auth_time: token.authTime,
          sid: token.sid,
        })
      : undefined;
    ctx.body = await tokenAnswer(accessToken, scope, {
      refresh_token: refreshToken,
      id_token: idToken,
    });
  }

  provider.registerGrantType<RefreshParams>("refresh_token", handler, [
    "refresh_token",
    "scope",
    "audience",
  ]);
}
