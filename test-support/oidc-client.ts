/**
 * Test-only: the demo app as an openid-client 6 client (oauth4webapi, the library the SDK runs
 * on) of the local issuer: discovery, and a sign-in through the code flow with PKCE and `state`.
 */
import * as oidc from "openid-client";
import { localClient } from "@/config/local-client";
import { loginScope, redirectUri, signIn } from "./oauth-flow";

/**
 * The demo client's configuration, from the issuer's discovery document, over http.
 *
 * @example
 * const config = await localClientConfig(issuer.url);
 */
export function localClientConfig(issuerUrl: string): Promise<oidc.Configuration> {
  return oidc.discovery(
    new URL(issuerUrl),
    localClient.clientId,
    undefined,
    oidc.ClientSecretPost(localClient.clientSecret),
    { execute: [oidc.allowInsecureRequests] },
  );
}

/**
 * Signs the demo user in for `audience` and exchanges the code, with a DPoP proof when `DPoP` is
 * given, checking what the SDK checks (`iss`, `state`, PKCE, the ID token).
 *
 * @example
 * const tokens = await clientSignIn(config, { audience: apis.profile.audience });
 */
export async function clientSignIn(
  config: oidc.Configuration,
  { audience, DPoP }: { audience: string; DPoP?: oidc.DPoPHandle },
) {
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const authorizeUrl = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: loginScope,
    audience,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
  });
  const { url: callback } = await signIn(authorizeUrl);
  return oidc.authorizationCodeGrant(
    config,
    callback,
    { pkceCodeVerifier: codeVerifier, expectedState: state },
    undefined,
    DPoP ? { DPoP } : undefined,
  );
}
