import "server-only";
import { createHash, randomUUID } from "node:crypto";
import {
  calculateJwkThumbprint,
  decodeJwt,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  SignJWT,
  type JWK,
} from "jose";
import type { Exchange, ProofClaims } from "@/lib/dpop/dpop-call-contract";

/** What the last accepted request carried: what an attacker who read it would have. */
export type Sent = { token: string; proof: string };

async function proofClaims(proof: string | null): Promise<ProofClaims | null> {
  if (!proof) return null;
  try {
    const header = decodeProtectedHeader(proof);
    const payload = decodeJwt(proof);
    return {
      header: {
        typ: String(header.typ),
        alg: String(header.alg),
        jwkThumbprint: header.jwk ? await calculateJwkThumbprint(header.jwk as JWK) : "",
      },
      payload: {
        htm: String(payload.htm),
        htu: String(payload.htu),
        iat: Number(payload.iat),
        jti: String(payload.jti),
        ath: typeof payload.ath === "string" ? payload.ath : undefined,
        nonce: typeof payload.nonce === "string" ? payload.nonce : undefined,
      },
    };
  } catch {
    return null;
  }
}

async function outcomeOf(response: Response): Promise<string> {
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as {
    error?: string;
    error_description?: string;
    payments?: unknown[];
  } | null;
  if (body?.error) return `${body.error}: ${body.error_description ?? ""}`;
  return body?.payments ? `${body.payments.length} payments` : `HTTP ${response.status}`;
}

/**
 * Sends a request and records it with its answer in `exchanges`. When the API accepts it, its
 * token and proof are kept in `sent`: what the "stolen token" demonstration replays.
 *
 * @example
 * await recordingFetch("the SDK's fetcher", exchanges, sent)(url, { headers });
 */
export function recordingFetch(label: string, exchanges: Exchange[], sent: Sent) {
  return async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const headers = new Headers(init?.headers);
    const [scheme = "", token = ""] = (headers.get("authorization") ?? "").split(" ");
    const proof = headers.get("dpop");
    const response = await fetch(url, init);
    const href = url instanceof Request ? url.url : String(url);
    exchanges.push({
      label,
      method: init?.method ?? "GET",
      url: href,
      scheme,
      proof: await proofClaims(proof),
      status: response.status,
      challenge: response.headers.get("www-authenticate"),
      nextNonce: response.headers.get("dpop-nonce"),
      outcome: await outcomeOf(response),
    });
    if (response.ok && proof) Object.assign(sent, { token, proof });
    return response;
  };
}

// #region stolen-token
/**
 * What a thief who read one request could do with it: present the token with a proof of a key
 * of their own (refused: the token is bound to another key), and send the captured proof again
 * (refused: its `jti` was used). Both with the API's current nonce, so the nonce is not the reason.
 *
 * @example
 * await stealAndReplay(sent, exchanges);
 */
export async function stealAndReplay(sent: Sent, exchanges: Exchange[]): Promise<void> {
  const last = exchanges.at(-1);
  if (!last) return;
  const replay = recordingFetch("an attacker", exchanges, { token: "", proof: "" });
  const thief = await generateKeyPair("ES256");
  const ownProof = await new SignJWT({
    htm: "GET",
    htu: last.url,
    jti: randomUUID(),
    ath: createHash("sha256").update(sent.token).digest("base64url"),
    ...(last.nextNonce && { nonce: last.nextNonce }),
  })
    .setProtectedHeader({ typ: "dpop+jwt", alg: "ES256", jwk: await exportJWK(thief.publicKey) })
    .setIssuedAt()
    .sign(thief.privateKey);
  await replay(last.url, { headers: { Authorization: `DPoP ${sent.token}`, DPoP: ownProof } });
  await replay(last.url, { headers: { Authorization: `DPoP ${sent.token}`, DPoP: sent.proof } });
}
// #endregion
