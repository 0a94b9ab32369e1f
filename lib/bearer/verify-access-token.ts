import "server-only";
import { jwtVerify } from "jose";
import type { JWTPayload, JWTVerifyGetKey } from "jose";
import type { VerifiedToken } from "@/lib/apis/shared-contract";
import type { ApiError } from "./api-error";
import { describeVerifyFailure } from "./describe-verify-failure";

/** Seconds of clock difference between the issuer and this server that are forgiven. */
export const CLOCK_TOLERANCE_SECONDS = 5;

export type VerifyOptions = {
  /** The exact `iss` expected, trailing slash included. */
  issuer: string;
  /** This API's identifier. Auth0 may send `aud` as an array; one matching entry is enough. */
  audience: string;
  /** The issuer's keys, usually `issuerKeys(issuer)`. */
  keys: JWTVerifyGetKey;
};

export type VerifyResult = { ok: true; token: VerifiedToken } | { ok: false; error: ApiError };

function toVerifiedToken(payload: JWTPayload): VerifyResult {
  const { sub, aud, exp, scope, azp } = payload;
  // jose has already checked that these are present; the types still need narrowing.
  if (typeof sub !== "string" || aud === undefined || typeof exp !== "number") {
    return {
      ok: false,
      error: {
        code: "invalid_token",
        reason: "invalid_claims",
        description: 'The access token needs string "sub", "aud" and numeric "exp" claims.',
      },
    };
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
 * if (!result.ok) return toErrorResponse(result.error, apis.orders);
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
