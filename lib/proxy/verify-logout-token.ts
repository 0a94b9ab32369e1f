import "server-only";
import { errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";

/** Seconds of clock difference between the issuer and this server that are forgiven. */
const CLOCK_TOLERANCE_SECONDS = 5;
/** How long a logout token without `exp` is accepted after its `iat` (oidc-provider's own live 120 s). */
const MAX_AGE_WITHOUT_EXP_SECONDS = 120;
const LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";

/** What jose refuses because of the token itself; anything else is fetching the issuer's keys. */
const TOKEN_FAULTS = [
  errors.JWTExpired,
  errors.JWTClaimValidationFailed,
  errors.JWTInvalid,
  errors.JWSInvalid,
  errors.JWSSignatureVerificationFailed,
  errors.JOSEAlgNotAllowed,
  errors.JOSENotSupported,
  errors.JWKSNoMatchingKey,
  errors.JWKSMultipleMatchingKeys,
];

export type LogoutTokenCheck =
  | { ok: true; jti: string; acceptedUntilMs: number }
  | { ok: false; status: 400 | 503; reason: string };

/**
 * Checks a back-channel logout token (OpenID Connect Back-Channel Logout 1.0, §2.6) as the SDK
 * does, and what the SDK leaves out: RS256 against the issuer's keys, the issuer, this client as
 * audience, `iat`, the logout event, no `nonce`, a string `sid` or `sub`, and a `jti` with the
 * time until which the token is accepted (its `exp`, or `iat` plus two minutes), so that a
 * replay can be refused for as long as the token itself would be. Never throws: a bad token is
 * a 400, keys that cannot be fetched a 503.
 *
 * @example
 * const check = await verifyLogoutToken(token, { issuer, audience: clientId, keys });
 * if (!check.ok) return new Response(check.reason, { status: check.status });
 */
export async function verifyLogoutToken(
  token: string,
  { issuer, audience, keys }: { issuer: string; audience: string; keys: JWTVerifyGetKey },
): Promise<LogoutTokenCheck> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keys, {
      algorithms: ["RS256"],
      issuer,
      audience,
      requiredClaims: ["iat", "jti"],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    }));
  } catch (error) {
    if (TOKEN_FAULTS.some((fault) => error instanceof fault)) {
      return refused(400, `Invalid logout token: ${(error as Error).message}.`);
    }
    const cause = error instanceof Error ? error.message : String(error);
    console.error(`[back-channel logout] could not get the signing keys of ${issuer}: ${cause}`);
    return refused(503, "The logout token cannot be checked now: try again later.");
  }
  const problem = claimProblem(payload);
  if (problem) return refused(400, `Invalid logout token: ${problem}.`);
  const { jti, iat = 0, exp } = payload;
  const acceptedUntil = (exp ?? iat + MAX_AGE_WITHOUT_EXP_SECONDS) + CLOCK_TOLERANCE_SECONDS;
  if (acceptedUntil * 1000 <= Date.now()) return refused(400, "Invalid logout token: too old.");
  return { ok: true, jti: String(jti), acceptedUntilMs: acceptedUntil * 1000 };
}

/** What §2.6 asks of the claims beyond the signature, or `null` when nothing is wrong. */
function claimProblem(payload: JWTPayload): string | null {
  const { events, sid, sub, jti } = payload;
  if (typeof jti !== "string" || jti === "") return '"jti" must be a non-empty string';
  if (typeof events !== "object" || events === null) return '"events" must be an object';
  const event: unknown = (events as Record<string, unknown>)[LOGOUT_EVENT];
  if (typeof event !== "object" || event === null) return `"events" must hold ${LOGOUT_EVENT}`;
  if ("nonce" in payload) return '"nonce" is not allowed';
  if (sid === undefined && sub === undefined) return '"sid" or "sub" is required';
  if (sid !== undefined && typeof sid !== "string") return '"sid" must be a string';
  if (sub !== undefined && typeof sub !== "string") return '"sub" must be a string';
  return null;
}

function refused(status: 400 | 503, reason: string): LogoutTokenCheck {
  return { ok: false, status, reason };
}
