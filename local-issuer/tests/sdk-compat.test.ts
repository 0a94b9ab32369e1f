/**
 * Contract test with a real OpenID Connect client: openid-client 6 runs on oauth4webapi, the same
 * library @auth0/nextjs-auth0 v4 uses, so its checks (discovery issuer, `iss` and `state` in the
 * callback, PKCE, ID token validation after a refresh) are the ones the SDK applies.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import * as oidc from "openid-client";
import { apis } from "@/config/apis";
import { localClient } from "@/config/local-client";
import { issuerForSuite } from "@/test-support/issuer-fixture";
import { appBaseUrl, loginScope, redirectUri, signIn } from "@/test-support/oauth-flow";

const issuer = issuerForSuite();

test("an oauth4webapi client (as the SDK) logs in, refreshes per audience and logs out", async () => {
  const config = await oidc.discovery(
    new URL(issuer().url),
    localClient.clientId,
    undefined,
    oidc.ClientSecretPost(localClient.clientSecret),
    { execute: [oidc.allowInsecureRequests] },
  );
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const authorizeUrl = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: loginScope,
    audience: apis.profile.audience,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
  });

  const { url: callback } = await signIn(authorizeUrl);
  const tokens = await oidc.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: codeVerifier,
    expectedState: state,
  });
  assert.equal(tokens.claims()?.email, "demo@example.com");
  assert.ok(tokens.refresh_token);

  const orders = await oidc.refreshTokenGrant(config, tokens.refresh_token, {
    audience: apis.orders.audience,
  });
  assert.equal(orders.scope, "openid profile email offline_access read:orders write:orders");
  assert.equal(orders.claims()?.sub, tokens.claims()?.sub);
  assert.notEqual(orders.refresh_token, tokens.refresh_token);

  const logout = oidc.buildEndSessionUrl(config, {
    post_logout_redirect_uri: appBaseUrl,
    id_token_hint: tokens.id_token ?? "",
  });
  assert.equal(logout.origin + logout.pathname, `${issuer().url}oidc/logout`);
});
