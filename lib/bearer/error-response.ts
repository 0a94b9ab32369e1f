import "server-only";
import type { ApiErrorBody } from "@/lib/apis/shared-contract";
import type { ApiError } from "./api-error";
import { bearerChallenge } from "./www-authenticate";

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
 * return toErrorResponse({ code: "missing_token" }, apis.orders);
 * // 401, WWW-Authenticate: Bearer realm="Orders API", {"error":"missing_token",...}
 */
export function toErrorResponse(error: ApiError, api: ApiIdentity): Response {
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
  }
}
