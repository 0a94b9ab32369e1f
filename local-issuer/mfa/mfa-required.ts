import type { Middleware } from "koa";
import type { KoaContextWithOIDC } from "oidc-provider";
import type { FileStore } from "@/local-issuer/storage/file-store";
import { findEnrolment } from "./enrolments";
import { auth0Error } from "./errors";
import { issueMfaToken, type MfaContext } from "./mfa-tokens";

type MfaExtras = { mfa_token: string; mfa_requirements: Record<string, { type: "otp" }[]> };

/**
 * Refuses a refresh as Auth0 does when an Action requires MFA: stores an `mfa_token` for the
 * refused decision and throws 403 `mfa_required`. oidc-provider's error output keeps only
 * `error` and `error_description`, so the token and requirements wait in `ctx.state` for
 * {@link mfaRequiredBody} to add them. Nothing was rotated yet: the refresh token stays valid.
 *
 * @example
 * throw mfaRequired(ctx, store, { accountId, clientId, grantId, audience, scopes }, 600);
 */
export function mfaRequired(
  ctx: KoaContextWithOIDC,
  store: FileStore,
  context: Omit<MfaContext, "expiresAt" | "failures">,
  ttlSeconds: number,
): Error {
  const enrolled = findEnrolment(store, context.accountId)?.confirmed ?? false;
  const extras: MfaExtras = {
    mfa_token: issueMfaToken(store, context, ttlSeconds),
    // The SDK filters authenticators by these types, so they must match `/mfa/authenticators`.
    mfa_requirements: enrolled ? { challenge: [{ type: "otp" }] } : { enroll: [{ type: "otp" }] },
  };
  (ctx.state as { mfa?: MfaExtras }).mfa = extras;
  return auth0Error(403, "mfa_required", "Multifactor authentication required");
}

/**
 * Adds the `mfa_token` and `mfa_requirements` that {@link mfaRequired} left in `ctx.state` to
 * the token endpoint's error body, after oidc-provider has written it.
 *
 * @example
 * provider.use(mfaRequiredBody());
 */
export function mfaRequiredBody(): Middleware {
  return async (ctx, next) => {
    await next();
    const extras = (ctx.state as { mfa?: MfaExtras }).mfa;
    const body: unknown = ctx.body;
    if (extras && typeof body === "object" && body && "error" in body) {
      if (body.error === "mfa_required") ctx.body = { ...body, ...extras };
    }
  };
}
