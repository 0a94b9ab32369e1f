import { oidcScopes } from "@/config/apis";
import type { RefreshTokenPolicy } from "../config";

/** What a refresh token carries from the login: its audience (if any) and granted scopes. */
export type LoginGrant = {
  audience: string | undefined;
  scopes: readonly string[];
};

/** The `audience` and `scope` parameters of a refresh_token grant (`scope` undefined: omitted). */
export type RefreshRequest = {
  audience: string | undefined;
  scopes: readonly string[] | undefined;
};

export type MrrtDecision =
  | {
      ok: true;
      /** Which of Auth0's MRRT rules decided (rule 3, dropping scopes, applies on top). */
      rule: 1 | 2 | 4 | 5;
      /** The token's audience; undefined means an opaque token for /userinfo only. */
      audience: string | undefined;
      /** The token's scopes: OIDC scopes first, then API scopes. */
      scopes: string[];
      /** Requested API scopes that were silently dropped (rule 3). */
      dropped: string[];
    }
  | { ok: false; description: string };

const isOidcScope = (scope: string) => (oidcScopes as readonly string[]).includes(scope);

/**
 * Applies Auth0's Multi-Resource Refresh Token rules to one refresh_token grant:
 * 1. no `audience`: the login audience, login scopes plus its policy scopes;
 * 2. an `audience` in the policy: the requested scopes it allows (all of them when `scope` is
 *    omitted);
 * 3. requested scopes that are not allowed are silently dropped;
 * 4. an `audience` outside the policy is silently ignored (treated as rule 1), or refused when
 *    `strict` is set;
 * 5. the login audience: login scopes plus its policy scopes.
 *
 * @example
 * resolveMrrt(policies, { audience: profileApi, scopes: ["openid", "read:profile"] },
 *   { audience: ordersApi, scopes: undefined }, false);
 * // { ok: true, rule: 2, audience: ordersApi,
 * //   scopes: ["openid", "read:orders", "write:orders"], dropped: [] }
 */
export function resolveMrrt(
  policies: readonly RefreshTokenPolicy[],
  login: LoginGrant,
  request: RefreshRequest,
  strict: boolean,
): MrrtDecision {
  const policyScopes = (audience: string | undefined) =>
    policies.find((policy) => policy.audience === audience)?.scope ?? [];
  const inPolicy = policies.some((policy) => policy.audience === request.audience);

  let rule: 1 | 2 | 4 | 5;
  if (!request.audience) rule = 1;
  else if (request.audience === login.audience) rule = 5;
  else if (inPolicy) rule = 2;
  else if (strict) {
    return {
      ok: false,
      description:
        `audience ${request.audience} is not in this application's refresh token policies ` +
        "(strict mode, LOCAL_ISSUER_MRRT_STRICT=true)",
    };
  } else rule = 4;

  const audience = rule === 2 ? request.audience : login.audience;
  const loginApiScopes =
    audience === login.audience ? login.scopes.filter((s) => !isOidcScope(s)) : [];
  const allowed = [...new Set([...loginApiScopes, ...policyScopes(audience)])];
  // An ignored audience comes with scopes of another API: honouring them would only drop them all.
  const requested = rule === 4 ? undefined : request.scopes;
  const loginOidcScopes = login.scopes.filter(isOidcScope);

  return {
    ok: true,
    rule,
    audience,
    scopes: [
      ...(requested ? loginOidcScopes.filter((s) => requested.includes(s)) : loginOidcScopes),
      ...(requested ? allowed.filter((s) => requested.includes(s)) : allowed),
    ],
    dropped: (requested ?? []).filter((s) => !isOidcScope(s) && !allowed.includes(s)),
  };
}
