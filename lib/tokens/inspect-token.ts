import { decodeJwt, decodeProtectedHeader } from "jose";
import { oidcScopes } from "@/config/apis";

/**
 * What a token says about itself, decoded for display. Nothing here is verified: the APIs verify
 * (see `lib/demo-apis/server/`); the browser only shows what it received.
 */
export type TokenInspection =
  | { ok: false; reason: string }
  | {
      ok: true;
      header: { alg?: string; kid?: string; typ?: string };
      claims: {
        iss?: string;
        sub?: string;
        aud: string[];
        azp?: string;
        scope: string[];
        iat?: number;
        exp?: number;
      };
      requestedScopes: string[];
      grantedScopes: string[];
      /** Requested but not granted: dropped by the server (MRRT policy or API definition). */
      droppedScopes: string[];
      /** Seconds until `exp` (negative once expired); undefined without `exp`. */
      expiresIn?: number;
      /** False when the token is not for the audience that was asked for. */
      audienceMatches: boolean;
      warnings: string[];
    };

const OIDC_SCOPES = new Set<string>(oidcScopes);

const words = (value: unknown): string[] =>
  typeof value === "string" ? value.split(" ").filter(Boolean) : [];

/**
 * Decodes a JWT access token and compares it with what was asked for.
 *
 * @example
 * const info = inspectToken(token, { audience: "https://orders-api.example.com" });
 * if (info.ok && !info.audienceMatches) console.warn(info.warnings[0]);
 */
export function inspectToken(
  token: string,
  asked: { audience: string; scope?: string },
  nowSeconds: number = Math.floor(Date.now() / 1000),
): TokenInspection {
  let header: ReturnType<typeof decodeProtectedHeader>;
  let payload: ReturnType<typeof decodeJwt>;
  try {
    header = decodeProtectedHeader(token);
    payload = decodeJwt(token);
  } catch {
    return { ok: false, reason: "Not a JWT: the token cannot be decoded (an opaque token?)." };
  }
  const aud = Array.isArray(payload.aud) ? payload.aud : payload.aud ? [payload.aud] : [];
  const grantedScopes = words(payload.scope);
  // OIDC scopes are about the user's profile, not the API: they never appear in an API token.
  const requestedScopes = words(asked.scope).filter((scope) => !OIDC_SCOPES.has(scope));
  const droppedScopes = requestedScopes.filter((scope) => !grantedScopes.includes(scope));
  const audienceMatches = aud.includes(asked.audience);
  const expiresIn = typeof payload.exp === "number" ? payload.exp - nowSeconds : undefined;

  const warnings: string[] = [];
  if (!audienceMatches) {
    warnings.push(
      `Asked for a token for ${asked.audience} but got one for ${aud.join(", ") || "no audience"}. ` +
        "The authorization server answered with another audience instead of an error; the API " +
        "will reject this token.",
    );
  }
  if (droppedScopes.length > 0) {
    warnings.push(`Requested but not granted: ${droppedScopes.join(" ")}.`);
  }
  if (expiresIn !== undefined && expiresIn <= 0) warnings.push("This token has expired.");

  return {
    ok: true,
    header: { alg: header.alg, kid: header.kid, typ: header.typ },
    claims: {
      iss: payload.iss,
      sub: payload.sub,
      aud,
      azp: typeof payload.azp === "string" ? payload.azp : undefined,
      scope: grantedScopes,
      iat: payload.iat,
      exp: payload.exp,
    },
    requestedScopes,
    grantedScopes,
    droppedScopes,
    expiresIn,
    audienceMatches,
    warnings,
  };
}
