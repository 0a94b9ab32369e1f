/**
 * Test-only: the token endpoint calls the SDK makes with `useDPoP`, against the local issuer: the
 * code exchange and refreshes with a `DPoP` proof header (RFC 9449 §5).
 */
import assert from "node:assert/strict";
import type { DpopKey } from "./dpop-proofs";
import { authorize, redirectUri, tokenRequest, type LoginOptions } from "./oauth-flow";
import type { TokenResponse } from "./oauth-flow";

/** The issuer's token endpoint: the `htu` of its proofs. */
export const tokenUrl = (issuer: string): string => new URL("oauth/token", issuer).href;

/** A fresh, valid proof for a token request to `issuer`. */
export const tokenProof = (issuer: string, key: DpopKey): Promise<string> =>
  key.proof("POST", tokenUrl(issuer));

/**
 * Signs in and exchanges the code with `proof` (a fresh one of `key` unless given; `null`: none).
 *
 * @example
 * const { body } = await dpopLogin(issuer.url, key, { audience: apis.profile.audience });
 */
export async function dpopLogin(
  issuer: string,
  key: DpopKey,
  options: LoginOptions & { proof?: string | null } = {},
): Promise<TokenResponse> {
  const result = await authorize(issuer, options);
  if (result.kind !== "code") assert.fail(`login did not return a code: ${JSON.stringify(result)}`);
  const proof = options.proof === undefined ? await tokenProof(issuer, key) : options.proof;
  const params = {
    grant_type: "authorization_code",
    code: result.code,
    code_verifier: result.codeVerifier,
    redirect_uri: redirectUri,
  };
  return tokenRequest(issuer, params, undefined, proof === null ? {} : { DPoP: proof });
}

/**
 * A refresh_token grant with a `DPoP` header (`proof`), or none when `proof` is undefined.
 *
 * @example
 * await dpopRefresh(issuer.url, refreshToken, await tokenProof(issuer.url, key));
 */
export function dpopRefresh(
  issuer: string,
  refreshToken: string,
  proof: string | undefined,
  extra: { audience?: string; scope?: string } = {},
): Promise<TokenResponse> {
  const params = { grant_type: "refresh_token", refresh_token: refreshToken, ...extra };
  return tokenRequest(issuer, params, undefined, proof === undefined ? {} : { DPoP: proof });
}
