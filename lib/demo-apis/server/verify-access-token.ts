/**
 * Step two of a bearer request (see `bearer-route.ts`): is this token one the issuer signed, for
 * this API, and still valid? If not, say why in words a person can act on.
 */
import "server-only";
import { createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify } from "jose";
import type { JWTPayload, JWTVerifyGetKey } from "jose";
import type { VerifiedToken } from "@/lib/demo-apis/contracts/shared-contract";
import type { ApiError } from "./api-error";

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

type VerifyOptions = {
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

type InvalidToken = Extract<ApiError, { code: "invalid_token" }>;

function invalid(
  reason: Exclude<InvalidToken["reason"], "wrong_audience" | "wrong_issuer">,
  description: string,
): ApiError {
  return { code: "invalid_token", reason, description };
}

/**
 * Names why jose refused a token. Failures to fetch the issuer's keys are kept apart
 * (`keys_unavailable`): they are this server's problem, not the caller's.
 */
function describeVerifyFailure(error: unknown, token: string, expected: VerifyOptions): ApiError {
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
