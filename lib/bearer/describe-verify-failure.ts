import "server-only";
import { decodeProtectedHeader, errors } from "jose";
import type { JWTPayload } from "jose";
import type { ApiError } from "./api-error";

type Expected = { issuer: string; audience: string };

function headerOf(token: string): { alg?: string; kid?: string } {
  try {
    return decodeProtectedHeader(token);
  } catch {
    return {};
  }
}

function isoTime(seconds: unknown): string {
  return typeof seconds === "number" ? new Date(seconds * 1000).toISOString() : "an unknown time";
}

function claimFailure(
  error: errors.JWTClaimValidationFailed,
  payload: JWTPayload,
  expected: Expected,
): ApiError {
  if (error.claim === "aud") {
    const received = payload.aud ?? null;
    const shown = received === null ? "no audience" : JSON.stringify(received);
    return {
      code: "invalid_token",
      reason: "wrong_audience",
      description: `The access token is for ${shown}, but this API expects the audience ${expected.audience}.`,
      expectedAudience: expected.audience,
      receivedAudience: received,
    };
  }
  if (error.claim === "iss") {
    const received = typeof payload.iss === "string" ? payload.iss : null;
    return {
      code: "invalid_token",
      reason: "wrong_issuer",
      description: `The access token was issued by ${received ?? "no issuer"}, but this API trusts only ${expected.issuer}.`,
      expectedIssuer: expected.issuer,
      receivedIssuer: received,
    };
  }
  if (error.claim === "nbf") {
    return {
      code: "invalid_token",
      reason: "not_yet_valid",
      description: `The access token is not valid before ${isoTime(payload.nbf)}.`,
    };
  }
  return {
    code: "invalid_token",
    reason: "invalid_claims",
    description: `The access token's claims were refused: ${error.message}.`,
  };
}

/**
 * Names, in words a person can act on, why jose refused a token. Failures to fetch the issuer's
 * keys are kept apart (`keys_unavailable`): they are this server's problem, not the caller's.
 *
 * @example
 * try {
 *   await jwtVerify(token, keys, { issuer, audience });
 * } catch (error) {
 *   return describeVerifyFailure(error, token, { issuer, audience });
 * }
 */
export function describeVerifyFailure(error: unknown, token: string, expected: Expected): ApiError {
  const invalid = (
    reason: "expired" | "bad_signature" | "unsupported_alg" | "unknown_key" | "malformed",
    description: string,
  ): ApiError => ({ code: "invalid_token", reason, description });

  if (error instanceof errors.JWTExpired) {
    return invalid(
      "expired",
      `The access token expired at ${isoTime(error.payload.exp)}. Get a new one and try again.`,
    );
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return claimFailure(error, error.payload, expected);
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    const { alg } = headerOf(token);
    return invalid(
      "unsupported_alg",
      `The access token is signed with alg ${alg ?? "(none given)"}; this API accepts only RS256.`,
    );
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return invalid(
      "bad_signature",
      "The access token's signature does not match the issuer's key: it was altered or signed " +
        "with another key.",
    );
  }
  if (
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys
  ) {
    const { kid } = headerOf(token);
    return invalid(
      "unknown_key",
      `The issuer's key set has no single key with kid ${kid ?? "(none given)"}: the token was ` +
        "signed by a key this issuer does not publish.",
    );
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) {
    return invalid("malformed", `The access token is not a well-formed JWT: ${error.message}.`);
  }
  // What is left is fetching the key set: a timeout, a network error, a non-200 answer, or a
  // document that is not a JWKS.
  const cause = error instanceof Error ? error.message : String(error);
  return {
    code: "keys_unavailable",
    description:
      `Could not get the signing keys of ${expected.issuer} (${cause}). ` +
      "Is the authorization server running and AUTH0_DOMAIN right?",
  };
}
