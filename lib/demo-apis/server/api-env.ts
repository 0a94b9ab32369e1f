import "server-only";
import { z } from "zod";
import { derivedKey } from "@/lib/env/derived-key";
import { EnvError } from "@/lib/env/env-error";
import { serverEnv } from "@/lib/env/server-env";

const dpopNonce = z
  .enum(["required", "off"], {
    error:
      'DPOP_NONCE must be "required" or "off" (or unset, which is required): off lets the ' +
      "Payments API accept DPoP proofs without a server nonce",
  })
  .optional();

export type ApiEnv = {
  issuerUrl: string;
  appOrigin: string;
  /** `DPOP_NONCE` (default `required`): the Payments API demands a server nonce in proofs. */
  dpopNonceRequired: boolean;
  /** The key of the Payments API's stateless DPoP nonces, derived from `AUTH0_SECRET`. */
  dpopNonceKey: Buffer;
};

/**
 * The demo APIs' view of the environment: whose tokens they accept, the one origin CORS allows,
 * and the Payments API's DPoP nonce settings. Read at request time, never at import (see
 * `serverEnv`): tests set it before the first request.
 *
 * The nonce key is derived from `AUTH0_SECRET` (HKDF, its own label), so every instance of the
 * app computes the same nonces without a new secret to distribute, and a nonce reveals nothing of
 * the cookie secret.
 *
 * @example
 * const { issuerUrl, appOrigin, dpopNonceRequired } = apiEnv();
 */
export function apiEnv(): ApiEnv {
  const env = serverEnv();
  const nonce = dpopNonce.safeParse(process.env.DPOP_NONCE?.trim() || undefined);
  if (!nonce.success) throw new EnvError([nonce.error.issues[0]?.message ?? "DPOP_NONCE"]);
  return {
    issuerUrl: env.issuerUrl,
    appOrigin: new URL(env.appBaseUrl).origin,
    dpopNonceRequired: nonce.data !== "off",
    dpopNonceKey: derivedKey(env.secret, "demo-api dpop-nonce"),
  };
}
