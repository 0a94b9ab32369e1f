/**
 * Contract tests: `/userinfo` answers like Auth0's for the JWT access tokens issued for an API
 * (their `aud` names `<issuer>userinfo` when `openid` was granted) as well as for opaque tokens,
 * with the claims the token's scopes release, and refuses a bad token the RFC 6750 way.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { generateKeyPair, importJWK, SignJWT, type JWTPayload } from "jose";
import { apis } from "@/config/apis";
import { demoUsers } from "@/config/demo-users";
import { localClient } from "@/config/local-client";
import { issuerForSuite } from "@/test-support/issuer-fixture";
import { claimsOf, login } from "@/test-support/oauth-flow";

const [demoUser] = demoUsers;

type Answer = { status: number; challenge: string | null; body: Record<string, unknown> };

describe("/userinfo with JWT access tokens, as Auth0's", () => {
  const issuer = issuerForSuite();

  async function userinfo(token: string): Promise<Answer> {
    const response = await fetch(new URL("userinfo", issuer().url), {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await response.json()) as Record<string, unknown>;
    return { status: response.status, challenge: response.headers.get("www-authenticate"), body };
  }

  async function apiToken(scope: string): Promise<string> {
    const { body } = await login(issuer().url, { audience: apis.profile.audience, scope });
    return body.access_token ?? assert.fail("no access token");
  }

  /** A token signed with the issuer's own key (read from its state folder), claims overridden. */
  async function signedByIssuer(claims: JWTPayload, key?: CryptoKey): Promise<string> {
    const file = join(issuer().stateDir, "keys.json");
    const { signingKey } = JSON.parse(readFileSync(file, "utf8")) as {
      signingKey: Record<string, string> & { kid: string };
    };
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      iss: issuer().url,
      sub: demoUser.id,
      aud: [apis.profile.audience, `${issuer().url}userinfo`],
      azp: localClient.clientId,
      scope: "openid profile email",
      iat: now,
      exp: now + 60,
      ...claims,
    })
      .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: signingKey.kid })
      .sign(key ?? (await importJWK(signingKey, "RS256")));
  }

  function assertInvalidToken(answer: Answer, description: RegExp): void {
    assert.equal(answer.status, 401);
    assert.equal(answer.body.error, "invalid_token");
    assert.match(String(answer.body.error_description), description);
    assert.match(answer.challenge ?? "", /^Bearer realm="[^"]+", error="invalid_token"/);
  }

  test("an API token with openid profile email: the user's profile and email claims", async () => {
    const token = await apiToken("openid profile email offline_access read:profile");
    assert.ok(
      (claimsOf(token).aud as string[]).includes(`${issuer().url}userinfo`),
      "the token names /userinfo",
    );
    const answer = await userinfo(token);
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, {
      sub: demoUser.id,
      name: demoUser.name,
      nickname: demoUser.nickname,
      picture: demoUser.picture,
      updated_at: "2025-01-01T00:00:00.000Z",
      email: demoUser.email,
      email_verified: true,
    });
  });

  test("claims follow the token's scopes: only sub with openid alone, email claims with email", async () => {
    const bare = await userinfo(await apiToken("openid read:profile"));
    assert.equal(bare.status, 200);
    assert.deepEqual(bare.body, { sub: demoUser.id });

    const email = await userinfo(await apiToken("openid email read:profile"));
    assert.deepEqual(email.body, {
      sub: demoUser.id,
      email: demoUser.email,
      email_verified: true,
    });
  });

  test("an API token without openid (aud is the API alone): 401 invalid_token", async () => {
    const { body } = await login(issuer().url, {
      audience: apis.orders.audience,
      scope: "offline_access read:orders",
    });
    assertInvalidToken(await userinfo(body.access_token ?? ""), /audience/);
  });

  test("expired, tampered, foreign-signed or foreign-issued JWTs: 401 invalid_token", async () => {
    const now = Math.floor(Date.now() / 1000);
    assertInvalidToken(
      await userinfo(await signedByIssuer({ iat: now - 120, exp: now - 60 })),
      /expired/,
    );

    const [header, , signature] = (await signedByIssuer({})).split(".");
    const payload = Buffer.from(JSON.stringify({ sub: "auth0|someone-else" })).toString(
      "base64url",
    );
    assertInvalidToken(await userinfo(`${header}.${payload}.${signature}`), /signature/);

    const { privateKey } = await generateKeyPair("RS256");
    assertInvalidToken(await userinfo(await signedByIssuer({}, privateKey)), /signature/);

    const foreign = await signedByIssuer({ iss: "https://tenant.example.com/" });
    assertInvalidToken(await userinfo(foreign), /another authorization server/);

    const unknownUser = await signedByIssuer({ sub: "auth0|nobody" });
    assertInvalidToken(await userinfo(unknownUser), /does not exist/);
  });

  test("control: the same forged token with every property right is accepted", async () => {
    const answer = await userinfo(await signedByIssuer({ scope: "openid profile" }));
    assert.equal(answer.status, 200);
    assert.equal(answer.body.picture, demoUser.picture);
    assert.equal(answer.body.email, undefined, "no email scope, no email");
  });

  test("opaque tokens still work, and carry the picture under profile", async () => {
    const { body } = await login(issuer().url);
    assert.equal(body.access_token?.split(".").length, 1, "opaque, not a JWT");
    const answer = await userinfo(body.access_token ?? "");
    assert.equal(answer.status, 200);
    assert.equal(answer.body.sub, demoUser.id);
    assert.equal(answer.body.picture, demoUser.picture);
  });

  test("a bad opaque token is refused by oidc-provider with the same RFC 6750 shape", async () => {
    assertInvalidToken(await userinfo("not-a-real-token"), /invalid token/);
  });
});
