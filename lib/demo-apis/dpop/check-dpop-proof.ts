/**
 * The checks of one DPoP proof (RFC 9449 §4.3) that do not depend on who receives it: its shape,
 * its signature with the key it carries, and that it was made for this request. The Payments API
 * (`lib/demo-apis/server/dpop-route.ts`) adds the token binding, nonces and replay; the local
 * issuer's refresh grant adds replay and the refresh token's binding. One implementation for both,
 * so the issuer and the API cannot disagree about what a valid proof is.
 *
 * No `server-only`: the local issuer (plain Node, outside Next.js) imports it too. It holds no
 * secret and only verifies.
 */
import { createHash } from "node:crypto";
import { calculateJwkThumbprint, decodeProtectedHeader, EmbeddedJWK, jwtVerify } from "jose";
import type { JWK } from "jose";

/**
 * The proof algorithms accepted, asymmetric only. Auth0's DPoP page names ES256 and RS256 as the
 * examples; `none` and the HMAC algorithms (HS*) are never accepted: a proof must be signed with a
 * private key the token is bound to, and a shared secret would have to travel with the proof.
 */
export const DPOP_ALGORITHMS = ["ES256", "RS256"] as const;

// JWK members that only a private or symmetric key has (RFC 7518 §6): a proof that carries one
// has leaked its key.
const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"] as const;

/** A `jti` longer than this is refused: replay stores keep them, and must stay bounded. */
const MAX_JTI_LENGTH = 256;

export type DpopExpectations = {
  /** The request's method: `htm` must equal it. */
  method: string;
  /** The request's URL: `htu` must name the same origin and path (its query is not compared). */
  url: string;
  /** How far `iat` may be from now, either way, in seconds. */
  maxSkewSeconds: number;
  /** The access token sent with the proof, when there is one: `ath` must be its hash. */
  accessToken?: string;
  /** Now, in seconds since the epoch (tests set it). */
  now?: number;
};

/** What a valid proof tells: the key's RFC 7638 thumbprint, and the claims that need a store. */
export type DpopProof = { jkt: string; jti: string; iat: number; nonce: string | undefined };

export type DpopProofResult = { ok: true; proof: DpopProof } | { ok: false; description: string };

/**
 * The `ath` claim for an access token: base64url(SHA-256(token)).
 *
 * @example
 * accessTokenHash("eyJhbGciOi…"); // "fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo"
 */
export function accessTokenHash(accessToken: string): string {
  return createHash("sha256").update(accessToken).digest("base64url");
}

/**
 * Checks a DPoP proof against the request it came with. Never throws: every refusal comes back
 * with a description that names the claim and what was expected.
 *
 * @example
 * const result = await checkDpopProof(request.headers.get("dpop") ?? "", {
 *   method: "GET",
 *   url: request.url,
 *   maxSkewSeconds: 60,
 *   accessToken,
 * });
 * if (result.ok) console.log(result.proof.jkt);
 */
export async function checkDpopProof(
  proof: string,
  expected: DpopExpectations,
): Promise<DpopProofResult> {
  const refuse = (description: string): DpopProofResult => ({ ok: false, description });
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(proof);
  } catch {
    return refuse("The DPoP proof is not a well-formed JWT.");
  }
  if (header.typ !== "dpop+jwt") {
    return refuse(`The DPoP proof's typ is ${String(header.typ)}; it must be dpop+jwt.`);
  }
  if (!(DPOP_ALGORITHMS as readonly unknown[]).includes(header.alg)) {
    return refuse(
      `The DPoP proof is signed with alg ${String(header.alg)}; accepted: ` +
        `${DPOP_ALGORITHMS.join(", ")} (asymmetric only).`,
    );
  }
  const jwk: unknown = header.jwk;
  if (typeof jwk !== "object" || jwk === null || Array.isArray(jwk)) {
    return refuse("The DPoP proof's header carries no jwk (the public key it is signed with).");
  }
  if (PRIVATE_MEMBERS.some((member) => member in jwk)) {
    return refuse("The DPoP proof's jwk holds a private or symmetric key; send the public key.");
  }

  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(proof, EmbeddedJWK, {
      algorithms: [...DPOP_ALGORITHMS],
      typ: "dpop+jwt",
    }));
  } catch {
    return refuse("The DPoP proof's signature does not verify with the jwk it carries.");
  }
  const claims = checkClaims(payload, expected);
  if (typeof claims === "string") return refuse(claims);
  try {
    return { ok: true, proof: { ...claims, jkt: await calculateJwkThumbprint(jwk as JWK) } };
  } catch {
    return refuse("The DPoP proof's jwk lacks a member its thumbprint needs (RFC 7638).");
  }
}

/** The payload checks of §4.3: a description of the first one failed, or the claims kept. */
function checkClaims(
  payload: Record<string, unknown>,
  expected: DpopExpectations,
): Omit<DpopProof, "jkt"> | string {
  const { jti, htm, htu, iat, ath, nonce } = payload;
  if (typeof jti !== "string" || jti.length === 0 || jti.length > MAX_JTI_LENGTH) {
    return `The DPoP proof needs a jti: a unique string of at most ${MAX_JTI_LENGTH} characters.`;
  }
  if (htm !== expected.method) {
    return `The DPoP proof is for ${String(htm)} requests (htm); this one is ${expected.method}.`;
  }
  const target = new URL(expected.url);
  const claimed = typeof htu === "string" ? URL.parse(htu) : null;
  if (!claimed || claimed.search !== "" || claimed.hash !== "" || /[?#]/.test(String(htu))) {
    return "The DPoP proof's htu must be an absolute URL without query or fragment (RFC 9449 §4.2).";
  }
  // Parsing normalises both sides (scheme and host case, default ports, dot segments).
  if (claimed.origin !== target.origin || claimed.pathname !== target.pathname) {
    return `The DPoP proof is for ${claimed.origin}${claimed.pathname} (htu); this request is for ${target.origin}${target.pathname}.`;
  }
  const now = expected.now ?? Math.floor(Date.now() / 1000);
  if (typeof iat !== "number" || !Number.isFinite(iat)) {
    return "The DPoP proof needs a numeric iat (when it was made).";
  }
  if (Math.abs(now - iat) > expected.maxSkewSeconds) {
    return (
      `The DPoP proof was made ${iat > now ? "in the future" : "too long ago"} (iat ${iat}, now ` +
      `${now}); proofs are accepted for ${expected.maxSkewSeconds} s either way.`
    );
  }
  if (nonce !== undefined && typeof nonce !== "string") {
    return "The DPoP proof's nonce must be a string.";
  }
  if (expected.accessToken !== undefined && ath !== accessTokenHash(expected.accessToken)) {
    return "The DPoP proof's ath is not the hash of the access token sent with it.";
  }
  return { jti, iat, nonce };
}
