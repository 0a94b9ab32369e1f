/**
 * DPoP proofs (RFC 9449 §4.2) made inside the load generator's timed window: a proof is
 * single-use (the Payments API remembers every `jti`), so each loaded request needs a new one, and
 * autocannon builds requests synchronously. node:crypto signs ES256 synchronously; everything
 * else (header, `htm`, `htu`, `ath`, the nonce) is encoded once, so a proof costs one signature,
 * a UUID and a small JSON.
 */
import { KeyObject, randomUUID, sign } from "node:crypto";
import { exportJWK } from "jose";
import { accessTokenHash } from "@/lib/demo-apis/dpop/check-dpop-proof";

/** What every proof of a loaded route says: the request it is for, the token, the nonce. */
export type ProofFor = { htm: string; htu: string; accessToken: string; nonce?: string };

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/**
 * A maker of fresh proofs (new `jti`, `iat` now) for one route, signed with `keyPair` (ES256,
 * the key the token is bound to), synchronously.
 *
 * @example
 * const proof = await proofSigner(keyPair, { htm: "GET", htu, accessToken, nonce });
 * headers.DPoP = proof(); // a new proof each call
 */
export async function proofSigner(keyPair: CryptoKeyPair, to: ProofFor): Promise<() => string> {
  const { kty, crv, x, y } = await exportJWK(keyPair.publicKey);
  const header = encode({ typ: "dpop+jwt", alg: "ES256", jwk: { kty, crv, x, y } });
  const claims = {
    htm: to.htm,
    htu: to.htu,
    ath: accessTokenHash(to.accessToken),
    ...(to.nonce === undefined ? {} : { nonce: to.nonce }),
  };
  const key = KeyObject.from(keyPair.privateKey);
  return () => {
    const iat = Math.floor(Date.now() / 1000);
    const input = `${header}.${encode({ jti: randomUUID(), iat, ...claims })}`;
    const signature = sign("sha256", Buffer.from(input), { key, dsaEncoding: "ieee-p1363" });
    return `${input}.${signature.toString("base64url")}`;
  };
}

/**
 * Microseconds per proof over `calls` proofs, timed while the servers are idle: the load
 * generator's own extra work per Payments request.
 *
 * @example
 * microsecondsPerProof(proof, 2_000); // e.g. 60
 */
export function microsecondsPerProof(proof: () => string, calls: number): number {
  const start = process.hrtime.bigint();
  for (let call = 0; call < calls; call += 1) proof();
  return Number(process.hrtime.bigint() - start) / 1000 / calls;
}
