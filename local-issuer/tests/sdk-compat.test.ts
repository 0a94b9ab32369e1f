/**
 * Contract test with a real OpenID Connect client: openid-client 6 runs on oauth4webapi, the same
 * library @auth0/nextjs-auth0 v4 uses, so its checks (discovery issuer, `iss` and `state` in the
 * callback, PKCE, ID token validation after a refresh) are the ones the SDK applies.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import * as oidc from "openid-client";
import { apis } from "@/config/apis";
import { issuerForSuite } from "@/test-support/issuer-fixture";
import { appBaseUrl } from "@/test-support/oauth-flow";
import { clientSignIn, localClientConfig } from "@/test-support/oidc-client";

const issuer = issuerForSuite();

test("an oauth4webapi client (as the SDK) logs in, refreshes per audience and logs out", async () => {
  const config = await localClientConfig(issuer().url);
  const tokens = await clientSignIn(config, { audience: apis.profile.audience });
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
