/**
 * Step two of a bearer request (see `bearer-route.ts`): is this token one the issuer signed, for
 * this API, and still valid? If not, say why in words a person can act on.
 */
import "server-only";
import { createRemoteJWKSet, decodeJwt, jwtVerify } from "jose";
import type { JWTPayload, JWTVerifyGetKey } from "jose";
import type { VerifiedToken } from "@/lib/demo-apis/contracts/shared-contract";
import type { ApiError } from "./api-error";
import { describeVerifyFailure, invalid } from "./verify-failures";

/** Seconds of clock difference between the issuer and this server that are forgiven. */
const CLOCK_TOLERANCE_SECONDS = 5;

type IssuerKeys = ReturnType<typeof createRemoteJWKSet>;

// One key set per issuer for the whole process: each one caches the keys it fetched, so sharing
// it is what keeps the issuer from being asked for its keys on every request.
const keySets = new Map<string, IssuerKeys>();

/**
 * The issuer's public signing keys (JWKS), fetched on first use and cached. Both Auth0 and the
 * local issuer publish them at `<issuer>/.well-known/jwks.json`.
 *
 * jose refetches the set when a token names a `kid` it does not know (the issuer rotated its
 * keys), but at most once per `cooldownDuration`, so tokens with made-up `kid`s cannot turn this
 * API into a flood of requests to the issuer.
 *
 * @example
 * const { payload } = await jwtVerify(token, issuerKeys("https://tenant.auth0.com/"));
 */
export function issuerKeys(issuerUrl: string): IssuerKeys {
  let keys = keySets.get(issuerUrl);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(".well-known/jwks.json", issuerUrl), {
      cooldownDuration: 30_000,
      cacheMaxAge: 10 * 60_000,
      timeoutDuration: 5_000,
    });
    keySets.set(issuerUrl, keys);
  }
  return keys;
}

export type VerifyOptions = {
  /** The exact `iss` expected, trailing slash included. */
  issuer: string;
  /** This API's identifier. Auth0 may send `aud` as an array; one matching entry is enough. */
  audience: string;
  /** The issuer's keys, usually `issuerKeys(issuer)`. */
  keys: JWTVerifyGetKey;
};

type VerifyResult = { ok: true; token: VerifiedToken } | { ok: false; error: ApiError };

/**
 * Verifies a bearer access token: RS256 signature against the issuer's keys, exact issuer, this
 * API's audience, expiry (with a few seconds of clock tolerance), and the presence of `sub`.
 * Never throws for a bad token: every failure comes back as an `ApiError` that names the cause.
 *
 * @example
 * const result = await verifyAccessToken(token, {
 *   issuer: "https://tenant.auth0.com/",
 *   audience: "https://orders-api.example.com",
 *   keys: issuerKeys("https://tenant.auth0.com/"),
 * });
 * if (!result.ok) return toResponse(result.error, apis.orders);
 */
export async function verifyAccessToken(
  token: string,
  options: VerifyOptions,
): Promise<VerifyResult> {
  try {
    const { payload } = await jwtVerify(token, options.keys, {
      // Only what the issuer signs with. Anything else, `none` and HS256 included, is refused
      // before a key is looked up: HS256 "signed" with the public key is the classic forgery.
      algorithms: ["RS256"],
      issuer: options.issuer,
      audience: options.audience,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ["sub", "exp"],
    });
    return toVerifiedToken(payload);
  } catch (error) {
    return { ok: false, error: describeVerifyFailure(error, token, options) };
  }
}

function toVerifiedToken(payload: JWTPayload): VerifyResult {
  const { sub, aud, exp, scope, azp } = payload;
  // jose has already checked that these are present; the types still need narrowing.
  if (typeof sub !== "string" || aud === undefined || typeof exp !== "number") {
    const description = 'The access token needs string "sub", "aud" and numeric "exp" claims.';
    return { ok: false, error: invalid("invalid_claims", description) };
  }
  return {
    ok: true,
    token: {
      sub,
      aud,
      exp,
      scope: typeof scope === "string" ? scope : null,
      azp: typeof azp === "string" ? azp : null,
    },
  };
}

/**
 * The DPoP key a token is bound to (its `cnf.jkt`, RFC 9449 §6), if any. Read from a token whose
 * signature was verified: the claim is then the issuer's.
 *
 * @example
 * if (boundKeyOf(token)) return refuse("a DPoP-bound token is not a Bearer token");
 */
export function boundKeyOf(token: string): string | undefined {
  const { cnf } = decodeJwt(token);
  if (typeof cnf !== "object" || cnf === null) return undefined;
  const { jkt } = cnf as { jkt?: unknown };
  return typeof jkt === "string" ? jkt : undefined;
}
