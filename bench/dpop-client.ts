/**
 * The DPoP section's client: the demo application as an openid-client 6 client (oauth4webapi,
 * what the SDK runs on) of the section's own issuer, holding a DPoP key as the SDK does with
 * `useDPoP`. It signs the demo user in and gets the two tokens the section loads with: a
 * DPoP-bound Payments API token and a plain Bearer Orders API token.
 */
import { generateKeyPair } from "jose";
import * as oidc from "openid-client";
import { apis, scopesAskedFor } from "@/config/apis";
import { clientSignIn, localClientConfig } from "@/test-support/oidc-client";

export type DpopClient = {
  config: oidc.Configuration;
  /** ES256, extractable: the load generator signs proofs with it outside oauth4webapi too. */
  keyPair: CryptoKeyPair;
  /** The handle that makes proofs of `keyPair` and keeps the nonces servers hand out. */
  handle: oidc.DPoPHandle;
  /** Bound to `keyPair` (`cnf.jkt`), `token_type` DPoP. */
  payments: oidc.TokenEndpointResponse;
  /** Not bound, `token_type` Bearer. */
  orders: oidc.TokenEndpointResponse;
};

/**
 * Signs in twice: with a DPoP key for the Profile API, then a refresh with a proof for the
 * Payments API (as the SDK gets a token for another audience), and without DPoP for the Orders
 * API. Each token is checked to be of the type it is loaded as.
 *
 * @example
 * const client = await dpopClient("http://localhost:4981/");
 * client.payments.token_type; // "dpop"
 */
export async function dpopClient(issuerUrl: string): Promise<DpopClient> {
  const config = await localClientConfig(issuerUrl);
  const keyPair = await generateKeyPair("ES256", { extractable: true });
  const handle = oidc.getDPoPHandle(config, keyPair);
  const login = await clientSignIn(config, { audience: apis.profile.audience, DPoP: handle });
  const payments = await oidc.refreshTokenGrant(
    config,
    login.refresh_token ?? missing("a refresh token from the DPoP sign-in"),
    { audience: apis.payments.audience, scope: scopesAskedFor[apis.payments.audience] ?? "" },
    { DPoP: handle },
  );
  const orders = await clientSignIn(config, { audience: apis.orders.audience });
  const ordersToken = await oidc.refreshTokenGrant(
    config,
    orders.refresh_token ?? missing("a refresh token from the Bearer sign-in"),
    { audience: apis.orders.audience, scope: scopesAskedFor[apis.orders.audience] ?? "" },
  );
  if (payments.token_type !== "dpop") missing(`a DPoP token (got ${payments.token_type})`);
  if (ordersToken.token_type !== "bearer")
    missing(`a Bearer token (got ${ordersToken.token_type})`);
  return { config, keyPair, handle, payments, orders: ordersToken };
}

function missing(what: string): never {
  throw new Error(`The DPoP section's issuer did not give ${what}.`);
}
