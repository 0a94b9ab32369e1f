/**
 * How the Payments API (DPoP only) refuses a request: the demo APIs' `ApiError`s with a DPoP
 * challenge instead of a Bearer one, and RFC 9449's own errors. One `toDpopResponse` decides the
 * status, the `WWW-Authenticate` challenge and the JSON body (`DpopErrorBody`).
 */
import "server-only";
import { DPOP_TOKEN_REASONS } from "@/lib/demo-apis/contracts/payments-contract";
import type { DpopErrorBody } from "@/lib/demo-apis/contracts/payments-contract";
import { DPOP_ALGORITHMS } from "@/lib/demo-apis/dpop/check-dpop-proof";
import { challenge, toResponse } from "./api-error";
import type { ApiError, ApiIdentity } from "./api-error";

/** RFC 9449's errors, and the token refusals only a DPoP API makes. */
type DpopOwnError =
  /** The proof is missing, malformed, for another request, replayed or for another key. */
  | { code: "invalid_dpop_proof"; description: string }
  /** The proof lacks a nonce this API issued recently: retry with the one in `DPoP-Nonce`. */
  | { code: "use_dpop_nonce"; description: string }
  /** A token this API never takes: sent as Bearer, or not bound to a key at all. */
  | { code: "invalid_token"; reason: (typeof DPOP_TOKEN_REASONS)[number]; description: string }
  /** No room to remember another proof (replays must stay refused): retry later. */
  | { code: "temporarily_unavailable"; description: string; retryAfter: number };

export type DpopError = ApiError | DpopOwnError;

const isDpopOwn = (error: DpopError): error is Exclude<DpopOwnError, { retryAfter: number }> =>
  error.code === "invalid_dpop_proof" ||
  error.code === "use_dpop_nonce" ||
  (error.code === "invalid_token" &&
    (DPOP_TOKEN_REASONS as readonly string[]).includes(error.reason));

/** The `algs` of every DPoP challenge: what a client may sign its proofs with. */
const ALGS = DPOP_ALGORITHMS.join(" ");

function answer(status: number, body: DpopErrorBody, wwwAuthenticate: string): Response {
  return Response.json(body, { status, headers: { "WWW-Authenticate": wwwAuthenticate } });
}

/**
 * Turns a `DpopError` into its HTTP response. The shared errors keep their status and body (from
 * `toResponse`); their challenge names the DPoP scheme and the accepted `algs` (RFC 9449 §7.1),
 * since a Bearer token is never accepted here.
 *
 * @example
 * return toDpopResponse({ code: "use_dpop_nonce", description: "…" }, apis.payments);
 * // 401, WWW-Authenticate: DPoP realm="Payments API", error="use_dpop_nonce", …
 */
export function toDpopResponse(error: DpopError, api: ApiIdentity): Response {
  const realm = api.name;
  if (error.code === "missing_token") {
    return answer(
      401,
      {
        error: error.code,
        error_description: `No access token: send "Authorization: DPoP <token>" and a DPoP proof for ${api.audience}.`,
      },
      challenge("DPoP", realm, { algs: ALGS }),
    );
  }
  if (error.code === "temporarily_unavailable") {
    const body: DpopErrorBody = { error: error.code, error_description: error.description };
    return Response.json(body, {
      status: 503,
      headers: { "Retry-After": String(error.retryAfter) },
    });
  }
  if (isDpopOwn(error)) {
    const body: DpopErrorBody = { error: error.code, error_description: error.description };
    if (error.code === "invalid_token") body.reason = error.reason;
    const params = { error: error.code, error_description: error.description, algs: ALGS };
    return answer(401, body, challenge("DPoP", realm, params));
  }
  const response = toResponse(error, api);
  const bearer = response.headers.get("WWW-Authenticate");
  if (bearer)
    response.headers.set(
      "WWW-Authenticate",
      `DPoP${bearer.slice("Bearer".length)}, algs="${ALGS}"`,
    );
  return response;
}
