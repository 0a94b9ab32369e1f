import type { Context, Middleware } from "koa";
import { importJWK, jwtVerify, type JWTPayload } from "jose";
import type { IssuerKeys } from "../storage/keys";
import { findAccount } from "../tenant/accounts";
import { userinfoClaimNames } from "./scope-claims";

export type UserinfoJwtInput = {
  /** The issuer identifier, `http://localhost:<port>/`. */
  issuer: string;
  keys: IssuerKeys;
  /** The userinfo route, `/userinfo`. */
  path: string;
};

/** Three base64url parts: a JWS. oidc-provider's opaque tokens have no dot. */
const JWS_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]+$/;

/** jose's error codes, as the reason an RFC 6750 `invalid_token` answer gives. */
const reasons: Record<string, string> = {
  ERR_JWT_EXPIRED: "the access token has expired",
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: "the access token's signature does not verify",
  ERR_JOSE_ALG_NOT_ALLOWED: "the access token is not signed with RS256",
};

function reasonFor(error: unknown): string {
  const { code, claim } = (error ?? {}) as { code?: string; claim?: string };
  if (code === "ERR_JWT_CLAIM_VALIDATION_FAILED" && claim === "aud") {
    // oidc-provider's words for an opaque token with an audience, so both paths read alike.
    return "token audience prevents accessing the userinfo endpoint";
  }
  if (code === "ERR_JWT_CLAIM_VALIDATION_FAILED" && claim === "iss") {
    return "the access token was issued by another authorization server";
  }
  return (code && reasons[code]) ?? "invalid token provided";
}

/** 401 with the RFC 6750 challenge and body that oidc-provider sends for a bad opaque token. */
function refuse(ctx: Context, issuer: string, description: string): void {
  ctx.status = 401;
  ctx.set("Cache-Control", "no-store");
  ctx.set(
    "WWW-Authenticate",
    `Bearer realm="${issuer}", error="invalid_token", error_description="${description}"`,
  );
  ctx.body = { error: "invalid_token", error_description: description };
}

/**
 * Auth0's `/userinfo` also accepts the JWT access tokens it issues for an API, when their `aud`
 * names `<issuer>userinfo` (that is, when `openid` was granted). oidc-provider's own userinfo only
 * accepts its opaque tokens and refuses any token with an audience, so this middleware answers
 * for JWTs in the `Authorization` header and leaves every other request to oidc-provider.
 *
 * The token is checked as an API would check it: RS256 signature with the issuer's key, `iss`,
 * `exp`, and `aud` holding the userinfo URL. The answer is the user's claims that the token's
 * scopes release (`sub` always; `profile` and `email` claims by scope), as oidc-provider answers
 * for an opaque token.
 *
 * @example
 * provider.use(userinfoForJwtAccessTokens({ issuer: url, keys, path: "/userinfo" }));
 */
export function userinfoForJwtAccessTokens(input: UserinfoJwtInput): Middleware {
  const { issuer, path } = input;
  const userinfoUrl = new URL(path, issuer).href;
  const { kty, n, e } = input.keys.signingKey;
  const publicKey = importJWK({ kty, n, e }, "RS256");

  return async (ctx, next) => {
    if (ctx.path !== path || (ctx.method !== "GET" && ctx.method !== "POST")) return next();
    const token = /^Bearer ([^\s]+)$/i.exec(ctx.get("authorization"))?.[1];
    if (!token || !JWS_SHAPE.test(token)) return next();

    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await publicKey, {
        issuer,
        audience: userinfoUrl,
        algorithms: ["RS256"],
      }));
    } catch (error) {
      return refuse(ctx, issuer, reasonFor(error));
    }
    // A DPoP-bound token is only good with a proof of its key; as Bearer it would be a downgrade.
    if (payload.cnf !== undefined) {
      return refuse(ctx, issuer, "the access token is DPoP-bound and cannot be used as Bearer");
    }

    const account = payload.sub ? findAccount(payload.sub) : undefined;
    if (!account) return refuse(ctx, issuer, "the access token's user does not exist");
    const scope = typeof payload.scope === "string" ? payload.scope : "";
    const claims = await account.claims("userinfo", scope, {}, []);
    const released = userinfoClaimNames(scope);
    ctx.set("Cache-Control", "no-store");
    ctx.body = Object.fromEntries(Object.entries(claims).filter(([name]) => released.has(name)));
  };
}
