/**
 * Test-only: DPoP key pairs and the proofs a client makes with them (RFC 9449 §4), well-formed or
 * broken on purpose, for the local issuer's token endpoint and the Payments API alike.
 */
import { randomUUID } from "node:crypto";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT } from "jose";
import type { JWK, JWTPayload } from "jose";
import { accessTokenHash } from "@/lib/demo-apis/dpop/check-dpop-proof";

export type ProofOptions = {
  /** Claims to add, replace or (as `undefined`) remove: `htm`, `htu`, `iat`, `jti`, `nonce`… */
  claims?: JWTPayload;
  /** Protected header members to add or replace: `typ`, `jwk`… */
  header?: Record<string, unknown>;
  /** The access token the proof goes with: sets `ath` to its hash. */
  accessToken?: string;
};

export type DpopKey = {
  /** The RFC 7638 thumbprint of the public key: what a bound token's `cnf.jkt` holds. */
  jkt: string;
  publicJwk: JWK;
  privateJwk: JWK;
  /** A fresh proof (new `jti`, `iat` now) for `htm` and `htu`, signed with this key (ES256). */
  proof(htm: string, htu: string, options?: ProofOptions): Promise<string>;
};

/**
 * A new ES256 key pair for DPoP, as the SDK's `generateDpopKeyPair` makes.
 *
 * @example
 * const key = await dpopKey();
 * const proof = await key.proof("POST", "http://localhost:4000/oauth/token");
 */
export async function dpopKey(): Promise<DpopKey> {
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  return {
    jkt: await calculateJwkThumbprint(publicJwk),
    publicJwk,
    privateJwk: await exportJWK(privateKey),
    proof(htm, htu, { claims = {}, header = {}, accessToken } = {}) {
      const payload: JWTPayload = {
        jti: randomUUID(),
        htm,
        htu,
        iat: Math.floor(Date.now() / 1000),
        ...(accessToken ? { ath: accessTokenHash(accessToken) } : {}),
        ...claims,
      };
      const protectedHeader = { alg: "ES256", typ: "dpop+jwt", jwk: publicJwk, ...header };
      return new SignJWT(payload).setProtectedHeader(protectedHeader).sign(privateKey);
    },
  };
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/**
 * A proof-shaped JWT with any header and no valid signature: `alg: "none"` (empty signature) or
 * an HMAC algorithm with a made-up one, which a verifier must refuse before any key is used.
 *
 * @example
 * await unsignedProof({ alg: "none", typ: "dpop+jwt", jwk: key.publicJwk }, { htm: "GET" });
 */
export function unsignedProof(header: Record<string, unknown>, payload: JWTPayload): string {
  const signature = header.alg === "none" ? "" : Buffer.from("forged").toString("base64url");
  return `${b64(header)}.${b64({ jti: randomUUID(), iat: Math.floor(Date.now() / 1000), ...payload })}.${signature}`;
}
