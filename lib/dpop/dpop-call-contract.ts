/**
 * What the DPoP chapter's server-side call answers the browser (`lib/proxy/dpop-call.ts`): every
 * request the server sent to the Payments API, with the proof's claims and the API's answer. The
 * proof is shown, never the key that signed it. No `server-only`: the page's component reads it.
 */

/** A DPoP proof's claims as the API checks them (RFC 9449 §4.2). */
export type ProofClaims = {
  header: { typ: string; alg: string; jwkThumbprint: string };
  payload: { htm: string; htu: string; iat: number; jti: string; ath?: string; nonce?: string };
};

/** One request to the Payments API and its answer. */
export type Exchange = {
  /** Who sent it: the SDK's fetcher, or the page's attacker replaying what it stole. */
  label: string;
  method: string;
  url: string;
  /** `DPoP` or `Bearer`, the scheme of the `Authorization` header. */
  scheme: string;
  proof: ProofClaims | null;
  status: number;
  /** The API's `WWW-Authenticate` challenge, when it refused. */
  challenge: string | null;
  /** The nonce the API asks the next proof to carry (`DPoP-Nonce`). */
  nextNonce: string | null;
  /** The API's answer: its error code and description, or how many payments it listed. */
  outcome: string;
};

/** What the server-side call answers: the exchanges in order, or why none could be made. */
export type DpopCallAnswer =
  | { ok: true; exchanges: Exchange[]; token: { jkt: string | null } }
  | { ok: false; error: { code: string; message: string } };

/** What the browser asks for: the plain call, or the call and then the two thefts. */
export const DPOP_CALL_MODES = ["call", "stolen"] as const;
export type DpopCallMode = (typeof DPOP_CALL_MODES)[number];
