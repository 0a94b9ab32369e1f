/**
 * Which claims each OpenID Connect scope releases, in ID tokens and at `/userinfo` alike, as an
 * Auth0 tenant releases them. oidc-provider reads it as its `claims` option; the `/userinfo` of
 * JWT access tokens (`userinfo-jwt.ts`) filters with it too, so the two answers cannot drift.
 */
export const scopeClaims: Record<string, string[]> = {
  // session_expiry: the session's ceiling, for users that have one (config/demo-users.ts).
  openid: ["sub", "session_expiry"],
  profile: ["name", "nickname", "picture", "updated_at"],
  email: ["email", "email_verified"],
};

/**
 * The claims a token with `scope` may read at `/userinfo`: `sub` always, then those of each
 * granted scope. `session_expiry` is left out: it describes the sign-in session, which an ID
 * token belongs to and an access token does not, and Auth0's `/userinfo` does not send it.
 *
 * @example
 * userinfoClaimNames("openid email read:profile"); // Set { "sub", "email", "email_verified" }
 */
export function userinfoClaimNames(scope: string): Set<string> {
  const granted = scope.split(" ").filter((name) => name !== "openid");
  return new Set(["sub", ...granted.flatMap((name) => scopeClaims[name] ?? [])]);
}
