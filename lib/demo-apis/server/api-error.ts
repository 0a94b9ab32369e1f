/**
 * Every way a demo API request can fail, as data. Handlers return one of these and
 * `toResponse()` turns it into the HTTP answer, so status codes, `WWW-Authenticate` challenges
 * and the error body (`ApiErrorBody`, the contract the browser reads) are decided in exactly one
 * place.
 */
import "server-only";
import type {
  ApiErrorBody,
  BodyIssue,
  InvalidTokenReason,
} from "@/lib/demo-apis/contracts/shared-contract";

export type ApiError =
  /** No credentials at all (or another scheme than Bearer): a bare challenge, RFC 6750 §3.1. */
  | { code: "missing_token" }
  /** An `Authorization: Bearer` header that is not one well-formed token. */
  | { code: "invalid_request"; description: string }
  | {
      code: "invalid_token";
      reason: "wrong_audience";
      description: string;
      expectedAudience: string;
      receivedAudience: string | string[] | null;
    }
  | {
      code: "invalid_token";
      reason: "wrong_issuer";
      description: string;
      expectedIssuer: string;
      receivedIssuer: string | null;
    }
  | {
      code: "invalid_token";
      reason: Exclude<InvalidTokenReason, "wrong_audience" | "wrong_issuer">;
      description: string;
    }
  /** A valid token that lacks the scope this route needs. */
  | { code: "insufficient_scope"; scope: string; grantedScope: string; description: string }
  /** The JSON body was refused; every issue names its field. */
  | { code: "invalid_body"; issues: BodyIssue[] }
  /** The issuer's keys could not be fetched: not the caller's fault, so no challenge. */
  | { code: "keys_unavailable"; description: string }
  /** What the request names does not exist for this caller (another user's order reads the same). */
  | { code: "not_found"; description: string };

/**
 * The attributes RFC 6750 §3 defines for a Bearer challenge, and RFC 9449 §7.1 for a DPoP one
 * (its two errors, and `algs`), in the order they are written.
 */
type ChallengeParams = {
  error?:
    | "invalid_request"
    | "invalid_token"
    | "insufficient_scope"
    | "invalid_dpop_proof"
    | "use_dpop_nonce";
  error_description?: string;
  scope?: string;
  /** DPoP only: the proof algorithms the API accepts, space-separated. */
  algs?: string;
};

// RFC 6750 allows only printable ASCII without `"` and `\` inside these quoted values (its
// NQSCHAR rule), so an audience or claim value copied into a description cannot break the header.
const NOT_NQSCHAR = /[^\x20\x21\x23-\x5b\x5d-\x7e]/g;

function quoted(value: string): string {
  return `"${value.replaceAll('"', "'").replace(NOT_NQSCHAR, "?")}"`;
}

/**
 * Builds the `WWW-Authenticate` value of a Bearer challenge (RFC 6750 §3).
 *
 * @example
 * bearerChallenge("Orders API", { error: "insufficient_scope", scope: "read:orders" });
 * // 'Bearer realm="Orders API", error="insufficient_scope", scope="read:orders"'
 */
export function bearerChallenge(realm: string, params: ChallengeParams = {}): string {
  return challenge("Bearer", realm, params);
}

/**
 * Builds the `WWW-Authenticate` value of a challenge in either scheme: Bearer (RFC 6750 §3) or
 * DPoP (RFC 9449 §7.1, which adds `algs`).
 *
 * @example
 * challenge("DPoP", "Payments API", { error: "use_dpop_nonce", algs: "ES256" });
 * // 'DPoP realm="Payments API", error="use_dpop_nonce", algs="ES256"'
 */
export function challenge(
  scheme: "Bearer" | "DPoP",
  realm: string,
  params: ChallengeParams = {},
): string {
  const attributes = [`realm=${quoted(realm)}`];
  for (const name of ["error", "error_description", "scope", "algs"] as const) {
    const value = params[name];
    if (value !== undefined) attributes.push(`${name}=${quoted(value)}`);
  }
  return `${scheme} ${attributes.join(", ")}`;
}

/** An API as `config/apis.ts` describes it: the name is the realm of its challenges. */
export type ApiIdentity = { name: string; audience: string; scopes: readonly string[] };

function answer(status: number, body: ApiErrorBody, challenge?: string): Response {
  const headers = new Headers();
  if (challenge) headers.set("WWW-Authenticate", challenge);
  return Response.json(body, { status, headers });
}

/**
 * Turns an `ApiError` into its HTTP response: the status and `WWW-Authenticate` challenge that
 * RFC 6750 prescribes, and a JSON body with the same facts for the UI to show.
 *
 * @example
 * return toResponse({ code: "missing_token" }, apis.orders);
 * // 401, WWW-Authenticate: Bearer realm="Orders API", {"error":"missing_token",...}
 */
export function toResponse(error: ApiError, api: ApiIdentity): Response {
  const realm = api.name;
  switch (error.code) {
    case "missing_token":
      // RFC 6750 §3.1: a request without credentials gets no error code in the challenge; the
      // client may simply not have known that this resource needs a token.
      return answer(
        401,
        {
          error: error.code,
          error_description: `No access token: send "Authorization: Bearer <token>" for ${api.audience}.`,
        },
        bearerChallenge(realm),
      );
    case "invalid_request":
      return answer(
        400,
        { error: error.code, error_description: error.description },
        bearerChallenge(realm, { error: error.code, error_description: error.description }),
      );
    case "invalid_token": {
      const { code, description, ...details } = error;
      const extra =
        details.reason === "wrong_audience"
          ? {
              expected_audience: details.expectedAudience,
              received_audience: details.receivedAudience,
            }
          : details.reason === "wrong_issuer"
            ? { expected_issuer: details.expectedIssuer, received_issuer: details.receivedIssuer }
            : {};
      return answer(
        401,
        { error: code, error_description: description, reason: details.reason, ...extra },
        bearerChallenge(realm, { error: code, error_description: description }),
      );
    }
    case "insufficient_scope":
      return answer(
        403,
        {
          error: error.code,
          error_description: error.description,
          scope: error.scope,
          granted_scope: error.grantedScope,
        },
        bearerChallenge(realm, {
          error: error.code,
          error_description: error.description,
          scope: error.scope,
        }),
      );
    case "invalid_body": {
      const first = error.issues[0];
      const description = first ? `${first.field}: ${first.problem}` : "The body was refused.";
      return answer(400, {
        error: error.code,
        error_description: description,
        field: first?.field,
        issues: error.issues,
      });
    }
    case "keys_unavailable":
      return answer(503, { error: error.code, error_description: error.description });
    case "not_found":
      return answer(404, { error: error.code, error_description: error.description });
  }
}
