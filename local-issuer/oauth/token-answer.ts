/** What the token endpoint answers for the grants this server implements itself (refresh, mfa-otp). */
import type { Account, KoaContextWithOIDC } from "oidc-provider";

/** What an ID token issued at the token endpoint adds to the account's claims. */
export type IdTokenExtras = { acr?: string; auth_time?: number; sid?: string };

/**
 * An ID token with the profile claims of the granted scopes, like the one from the login, for
 * grants oidc-provider does not issue itself (refresh, mfa-otp). No `amr`: Auth0 puts it only in
 * the ID token of the login where MFA happened.
 *
 * @example
 * const idToken = await issueIdToken(ctx, account, "openid email", { sid: token.sid });
 */
export async function issueIdToken(
  ctx: KoaContextWithOIDC,
  account: Account,
  scope: string,
  { sid, ...extras }: IdTokenExtras,
): Promise<string> {
  const claims = await account.claims("id_token", scope, {}, []);
  const idToken = new ctx.oidc.provider.IdToken({ ...claims, ...extras }, { ctx });
  // oidc-provider's IdToken keeps the claims of these scopes (see the `claims` configuration).
  Object.assign(idToken, { scope, mask: {}, rejected: [] });
  if (sid) idToken.set("sid", sid);
  return idToken.issue({ use: "idtoken" });
}

/**
 * A token endpoint answer as Auth0's: the access token (saved now), its type (`Bearer`, or `DPoP`
 * when it is bound to a DPoP key), its lifetime and scope, and the refresh and ID tokens when
 * there are any.
 *
 * @example
 * ctx.body = await tokenAnswer(accessToken, scope, { id_token: idToken });
 */
export async function tokenAnswer(
  accessToken: { save(): Promise<string>; expiration: number; tokenType: string },
  scope: string,
  more: { refresh_token?: string; id_token?: string },
): Promise<Record<string, string | number>> {
  return {
    access_token: await accessToken.save(),
    token_type: accessToken.tokenType,
    expires_in: accessToken.expiration,
    scope,
    ...(more.refresh_token ? { refresh_token: more.refresh_token } : {}),
    ...(more.id_token ? { id_token: more.id_token } : {}),
  };
}
