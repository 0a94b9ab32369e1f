import type { JWTStructured } from "oidc-provider";

/**
 * Reshapes oidc-provider's JWT access tokens into Auth0's: `azp` instead of `client_id`, `aud` an
 * array that also names the issuer's `/userinfo` when `openid` was granted, and `typ: "JWT"` in
 * the header (Auth0 does not use RFC 9068's `at+jwt`). `iss`, `sub`, `scope`, `iat`, `exp` and
 * `jti` are already what Auth0 sends.
 *
 * @example
 * const jwt = auth0AccessTokenShape("http://localhost:4000/");
 * const config = { formats: { customizers: { jwt } } };
 */
export function auth0AccessTokenShape(issuer: string) {
  return (_ctx: unknown, token: { kind?: string }, jwt: JWTStructured): void => {
    const { payload } = jwt;
    payload.azp = payload.client_id;
    // A machine-to-machine token names the client as its subject, the way Auth0 writes it.
    if (token.kind === "ClientCredentials") {
      payload.sub = `${String(payload.client_id)}@clients`;
      payload.gty = "client-credentials";
    }
    delete payload.client_id;
    const scopes = typeof payload.scope === "string" ? payload.scope.split(" ") : [];
    if (scopes.includes("openid") && typeof payload.aud === "string") {
      payload.aud = [payload.aud, `${issuer}userinfo`];
    }
    jwt.header = { ...jwt.header, typ: "JWT" };
  };
}
