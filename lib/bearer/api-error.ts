/**
 * Every way a demo API request can fail, as data. Handlers return one of these and
 * `toErrorResponse()` turns it into the HTTP answer, so status codes and `WWW-Authenticate`
 * challenges are decided in exactly one place.
 */
import type { BodyIssue, InvalidTokenReason } from "@/lib/apis/shared-contract";

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
  | { code: "keys_unavailable"; description: string };
