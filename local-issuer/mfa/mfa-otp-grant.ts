import type { Provider, TokenEndpointGrantContext } from "oidc-provider";
import { MFA_OTP_GRANT } from "@/local-issuer/config";
import { issueIdToken, tokenAnswer } from "@/local-issuer/oauth/token-answer";
import type { FileStore } from "@/local-issuer/storage/file-store";
import { findAccount } from "@/local-issuer/tenant/accounts";
import { resourceServerInfo } from "@/local-issuer/tenant/resource-servers";
import type { TenantStore } from "@/local-issuer/tenant/state";
import { findEnrolment, verifyOtp } from "./enrolments";
import { auth0Error, mfaTokenErrors } from "./errors";
import { findMfaToken, recordMfaFailure, spendMfaToken } from "./mfa-tokens";
import { mayTryCode } from "./otp-attempts";

type MfaOtpParams = { mfa_token?: string; otp?: string; audience?: string; scope?: string };

export type MfaOtpGrantOptions = { tenant: TenantStore; store: FileStore; accessTokenTtl: number };

/**
 * Auth0's `http://auth0.com/oauth/grant-type/mfa-otp`: an `mfa_token` and a one-time code give the
 * access token the refused refresh would have given (its stored API and scopes; `audience` and
 * `scope` are accepted, as the SDK sends them, but the stored decision rules). As with tokens from
 * Auth0's MFA API, nothing carries `amr`. No refresh token: the SDK drops it (it keeps its own),
 * and the refused refresh token stays valid.
 *
 * @example
 * registerMfaOtpGrant(provider, { tenant, store, accessTokenTtl: 600 });
 */
export function registerMfaOtpGrant(provider: Provider, options: MfaOtpGrantOptions): void {
  async function handler(ctx: TokenEndpointGrantContext<MfaOtpParams>): Promise<void> {
    const { client, params } = ctx.oidc;
    const mfaToken = params.mfa_token ?? "";
    const found = findMfaToken(options.store, mfaToken, client.clientId);
    if (found.state !== "valid") throw mfaTokenErrors[found.state]();
    const { context } = found;

    if (!findEnrolment(options.store, context.accountId)) {
      throw auth0Error(403, "association_required", "User must enroll an authenticator first.");
    }
    // The user's wrong codes, over every mfa_token and sign-in, are bounded too.
    if (!mayTryCode(options.store, context.accountId)) {
      throw mfaTokenErrors.user_too_many_attempts();
    }
    if (!verifyOtp(options.store, context.accountId, params.otp ?? "")) {
      recordMfaFailure(options.store, mfaToken);
      throw auth0Error(403, "invalid_grant", "Invalid otp_code.");
    }
    const grant = await provider.Grant.find(context.grantId);
    const account = findAccount(context.accountId);
    if (!grant || grant.clientId !== client.clientId || !account) {
      throw auth0Error(403, "invalid_grant", "The sign-in behind this mfa_token has ended.");
    }
    spendMfaToken(options.store, mfaToken);

    const scope = context.scopes.join(" ");
    const accessToken = new provider.AccessToken({
      accountId: context.accountId,
      client,
      grantId: context.grantId,
      gty: MFA_OTP_GRANT,
      sessionUid: context.sessionUid,
      sid: context.sid,
      scope,
    });
    const info = resourceServerInfo(options.tenant, context.audience, options.accessTokenTtl);
    if (info) accessToken.resourceServer = new provider.ResourceServer(context.audience, info);
    ctx.oidc.entity("AccessToken", accessToken);

    const idToken = context.scopes.includes("openid")
      ? await issueIdToken(ctx, account, scope, { sid: context.sid })
      : undefined;
    ctx.body = await tokenAnswer(accessToken, scope, { id_token: idToken });
  }

  provider.registerGrantType<MfaOtpParams>(MFA_OTP_GRANT, handler, [
    "mfa_token",
    "otp",
    "audience",
    "scope",
  ]);
}
