/**
 * Contract tests: discovery, the JWKS, and the shape and signature of access and ID tokens, checked
 * the way an API and the SDK check them (jose's `createRemoteJWKSet` + `jwtVerify`).
 */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { apis } from "@/config/apis";
import { demoUsers } from "@/config/demo-users";
import { localClient } from "@/config/local-client";
import { issuerForSuite } from "@/test-support/issuer-fixture";
import { claimsOf, login, loginScope } from "@/test-support/oauth-flow";

describe("tokens, discovery and JWKS", () => {
  const issuer = issuerForSuite({ accessTokenTtl: 5 });
  let jwks: ReturnType<typeof createRemoteJWKSet>;
  let kid: string;

  before(async () => {
    jwks = createRemoteJWKSet(new URL(".well-known/jwks.json", issuer().url));
    const keys = (await (await fetch(new URL(".well-known/jwks.json", issuer().url))).json()) as {
      keys: { kid: string }[];
    };
    kid = keys.keys[0]?.kid ?? assert.fail("JWKS has no key");
  });

  test("discovery: issuer is http://localhost:PORT/ and endpoints use Auth0's paths", async () => {
    const response = await fetch(new URL(".well-known/openid-configuration", issuer().url));
    const metadata = (await response.json()) as Record<string, string>;
    assert.equal(metadata.issuer, `http://localhost:${issuer().port}/`);
    assert.equal(metadata.authorization_endpoint, `${issuer().url}authorize`);
    assert.equal(metadata.token_endpoint, `${issuer().url}oauth/token`);
    assert.equal(metadata.userinfo_endpoint, `${issuer().url}userinfo`);
    assert.equal(metadata.jwks_uri, `${issuer().url}.well-known/jwks.json`);
    assert.equal(metadata.end_session_endpoint, `${issuer().url}oidc/logout`);
    assert.equal(metadata.revocation_endpoint, `${issuer().url}oauth/revoke`);
  });

  test("access token: RS256 JWT with kid and Auth0's claims, verified against the JWKS", async () => {
    const { body } = await login(issuer().url, { audience: apis.profile.audience });
    const token = body.access_token ?? assert.fail("no access token");
    const { payload, protectedHeader } = await jwtVerify(token, jwks, {
      issuer: issuer().url,
      audience: apis.profile.audience,
      algorithms: ["RS256"],
    });
    assert.equal(protectedHeader.kid, kid);
    assert.ok(payload.iss?.endsWith("/"), "iss has Auth0's trailing slash");
    assert.equal(payload.sub, "auth0|local-demo-user");
    assert.deepEqual(payload.aud, [apis.profile.audience, `${issuer().url}userinfo`]);
    assert.equal(payload.azp, localClient.clientId);
    assert.equal(payload.scope, loginScope);
    assert.equal(typeof payload.iat, "number");
    assert.equal((payload.exp ?? 0) - (payload.iat ?? 0), 5, "lifetime from accessTokenTtl");
    assert.equal(body.expires_in, 5);
  });

  test("access token without openid: aud is the API identifier alone", async () => {
    const { body } = await login(issuer().url, {
      audience: apis.orders.audience,
      scope: "offline_access read:orders",
    });
    const { payload } = await jwtVerify(body.access_token ?? "", jwks, { issuer: issuer().url });
    assert.equal(payload.aud, apis.orders.audience);
    assert.equal(body.id_token, undefined);
  });

  test("ID token: profile claims (name, picture, email) directly in the token", async () => {
    const { body } = await login(issuer().url, { audience: apis.profile.audience });
    const idToken = body.id_token ?? assert.fail("no ID token");
    assert.equal(decodeProtectedHeader(idToken).kid, kid);
    const { payload } = await jwtVerify(idToken, jwks, {
      issuer: issuer().url,
      audience: localClient.clientId,
    });
    assert.equal(payload.sub, "auth0|local-demo-user");
    assert.equal(payload.name, "Demo User");
    assert.equal(payload.nickname, "demo");
    assert.equal(payload.picture, demoUsers[0].picture);
    assert.match(String(payload.picture), /^https:\/\/s\.gravatar\.com\/avatar\/[0-9a-f]{32}\?/);
    assert.equal(payload.email, "demo@example.com");
    assert.equal(payload.email_verified, true);
    assert.equal(typeof payload.updated_at, "string");
  });

  test("ID token: a user with a session lifetime gets session_expiry = sign-in + lifetime", async () => {
    const { body } = await login(issuer().url, {
      audience: apis.profile.audience,
      email: "short-session@example.com",
      password: "short-session-password",
    });
    const { payload } = await jwtVerify(body.id_token ?? "", jwks, { issuer: issuer().url });
    assert.equal(payload.sub, "auth0|local-short-session-user");
    // Signed in moments before the code was exchanged (iat): the ceiling is 45 s after sign-in.
    const ceilingAfterIat = Number(payload.session_expiry) - Number(payload.iat);
    assert.ok(
      ceilingAfterIat > 40 && ceilingAfterIat <= 45,
      `session_expiry - iat = ${ceilingAfterIat}`,
    );
  });

  test("ID token: users without a session lifetime get no session_expiry", async () => {
    const { body } = await login(issuer().url, { audience: apis.profile.audience });
    assert.equal(claimsOf(body.id_token).session_expiry, undefined);
  });

  test("test endpoint: /__test/stats is 404 unless enabled", async () => {
    const response = await fetch(new URL("__test/stats", issuer().url));
    assert.equal(response.status, 404);
  });
});
