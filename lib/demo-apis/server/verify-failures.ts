/**
 * Why `verifyAccessToken` refused a token: jose's error, turned into the `ApiError` the demo API
 * answers with (its reason, and a description that names the claim and what was expected).
 */
import "server-only";
import { decodeProtectedHeader, errors } from "jose";
import type { ApiError } from "./api-error";
import type { VerifyOptions } from "./verify-access-token";

type InvalidToken = Extract<ApiError, { code: "invalid_token" }>;

/**
 * An `invalid_token` refusal for a reason that needs no more than a description.
 *
 * @example
 * invalid("malformed", "The access token is not a well-formed JWT.");
 */
export function invalid(
  reason: Exclude<InvalidToken["reason"], "wrong_audience" | "wrong_issuer">,
  description: string,
): ApiError {
  return { code: "invalid_token", reason, description };
}

/**
 * Names why jose refused a token, in words a person can act on. Failures to fetch the issuer's keys are kept apart
 * (`keys_unavailable`): they are this server's problem, not the caller's.
 *
 * @example
 * catch (error) { return { ok: false, error: describeVerifyFailure(error, token, options) }; }
 */
export function describeVerifyFailure(
  error: unknown,
  token: string,
  expected: VerifyOptions,
): ApiError {
  if (error instanceof errors.JWTExpired) {
    return invalid(
      "expired",
      `The access token expired at ${isoTime(error.payload.exp)}. Get a new one and try again.`,
    );
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return claimFailure(error, expected);
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
  // The cause stays in this server's log: it names internal hosts and errors that a caller of
  // the API has no use for.
  const cause = error instanceof Error ? error.message : String(error);
  console.error(`[demo API] could not get the signing keys of ${expected.issuer}: ${cause}`);
  return {
    code: "keys_unavailable",
    description:
      "The API could not get the authorization server's signing keys; try again later. " +
      "(The server log has the cause.)",
  };
}

function claimFailure(error: errors.JWTClaimValidationFailed, expected: VerifyOptions): ApiError {
  const { payload } = error;
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
    return invalid(
      "not_yet_valid",
      `The access token is not valid before ${isoTime(payload.nbf)}.`,
    );
  }
  return invalid("invalid_claims", `The access token's claims were refused: ${error.message}.`);
}

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
