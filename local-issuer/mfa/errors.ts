import { errors } from "oidc-provider";

/**
 * An OAuth error with Auth0's exact code, text and HTTP status. oidc-provider's own classes fix
 * the text ("grant request is invalid"); this keeps the wording Auth0's SDKs match on.
 *
 * @example
 * throw auth0Error(403, "invalid_grant", "Invalid otp_code.");
 */
export function auth0Error(
  status: number,
  error: string,
  description: string,
): errors.CustomOIDCProviderError {
  const failure = new errors.CustomOIDCProviderError(error, description);
  failure.status = failure.statusCode = status;
  return failure;
}

/** Auth0's answers to a bad `mfa_token`, by what {@link findMfaToken} found. */
export const mfaTokenErrors = {
  malformed: () => auth0Error(403, "invalid_grant", "Malformed mfa_token"),
  expired: () => auth0Error(401, "expired_token", "mfa_token is expired"),
  too_many_attempts: () =>
    auth0Error(429, "too_many_attempts", "Too many failed attempts. Ask for a new mfa_token."),
  /** The user's own bound (every token and sign-in): a new mfa_token does not help. */
  user_too_many_attempts: () =>
    auth0Error(429, "too_many_attempts", "Too many failed attempts. Try again in a few minutes."),
} as const;
