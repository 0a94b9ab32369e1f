import type { ApiError } from "./api-error";

export type ReadTokenResult = { ok: true; token: string } | { ok: false; error: ApiError };

// RFC 6750 §2.1: `Bearer 1*SP b64token`, where b64token is this character set (a JWT fits).
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * Takes the access token out of the `Authorization` header, the only place these APIs accept it
 * (no `access_token` query parameter or form field: those end up in logs).
 *
 * - No header, or another scheme such as `Basic`: `missing_token`. RFC 6750 §3.1 says a request
 *   without (Bearer) credentials gets a challenge with no error code: the client may simply not
 *   have known that a token was needed.
 * - `Bearer` with no token, several tokens, or characters outside b64token: `invalid_request`
 *   (400), the RFC's code for a malformed request.
 *
 * @example
 * const result = readBearerToken(request.headers);
 * if (result.ok) console.log(result.token.slice(0, 10));
 */
export function readBearerToken(headers: Headers): ReadTokenResult {
  const header = headers.get("authorization");
  if (!header) return { ok: false, error: { code: "missing_token" } };

  const [scheme = "", ...rest] = header.split(/ +/);
  // The auth-scheme is case-insensitive (RFC 9110 §11.1).
  if (scheme.toLowerCase() !== "bearer") return { ok: false, error: { code: "missing_token" } };

  const malformed = (description: string): ReadTokenResult => ({
    ok: false,
    error: { code: "invalid_request", description },
  });
  if (rest.length === 0) {
    return malformed('The Authorization header says "Bearer" but carries no token after it.');
  }
  if (rest.length > 1) {
    return malformed('The Authorization header must hold exactly one token: "Bearer <token>".');
  }
  const token = rest[0] ?? "";
  if (!B64TOKEN.test(token)) {
    return malformed(
      "The bearer token contains characters that a token cannot have (RFC 6750 §2.1); was the " +
        "header sent twice or the token quoted?",
    );
  }
  return { ok: true, token };
}
