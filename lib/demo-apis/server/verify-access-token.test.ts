import assert from "node:assert/strict";
import { after, describe, mock, test } from "node:test";
import { base64url, SignJWT } from "jose";
import { startJwksIssuer } from "@/test-support/jwks-issuer";
import { issuerKeys, verifyAccessToken } from "./verify-access-token";

const PROFILE = "https://profile-api.example.com";
const ORDERS = "https://orders-api.example.com";

const issuer = await startJwksIssuer();
after(() => issuer.close());

function verify(token: string, audience = PROFILE, expectedIssuer = issuer.issuerUrl) {
  return verifyAccessToken(token, {
    issuer: expectedIssuer,
    audience,
    keys: issuerKeys(expectedIssuer),
  });
}

async function refusal(token: string, audience = PROFILE) {
  const result = await verify(token, audience);
  assert.equal(result.ok, false, "expected the token to be refused");
  return result.ok ? assert.fail() : result.error;
}

describe("verifyAccessToken", () => {
  test("accepts a valid token and returns what it carried", async () => {
    const result = await verify(await issuer.sign({ exp: 2_000_000_000 }));
    assert.deepEqual(result, {
      ok: true,
      token: {
        sub: "user-a",
        aud: PROFILE,
        scope: "read:profile",
        azp: "test-client",
        exp: 2_000_000_000,
      },
    });
  });

  test("accepts Auth0's array audience when one entry is this API", async () => {
    const aud = [PROFILE, `${issuer.issuerUrl}userinfo`];
    const result = await verify(await issuer.sign({ aud }));
    assert.ok(result.ok);
    assert.deepEqual(result.token.aud, aud);
  });

  test("refuses an expired token, but forgives a few seconds of clock skew", async () => {
    const now = Math.floor(Date.now() / 1000);
    const error = await refusal(await issuer.sign({ exp: now - 60 }));
    assert.equal(error.code === "invalid_token" && error.reason, "expired");
    assert.ok((await verify(await issuer.sign({ exp: now - 2 }))).ok);
  });

  test("refuses a token for another API and names both audiences", async () => {
    const error = await refusal(await issuer.sign({ aud: PROFILE }), ORDERS);
    assert.ok(error.code === "invalid_token" && error.reason === "wrong_audience");
    assert.equal(error.expectedAudience, ORDERS);
    assert.equal(error.receivedAudience, PROFILE);
    assert.match(error.description, /profile-api.*orders-api/);
  });

  test("refuses a token from another issuer", async () => {
    const error = await refusal(await issuer.sign({ iss: "https://evil.example.com/" }));
    assert.ok(error.code === "invalid_token" && error.reason === "wrong_issuer");
    assert.equal(error.receivedIssuer, "https://evil.example.com/");
    assert.equal(error.expectedIssuer, issuer.issuerUrl);
  });

  test("refuses a token signed by a key the issuer does not publish", async () => {
    const forged = await issuer.sign(
      {},
      { key: await issuer.strangerKey(), kid: issuer.currentKid() },
    );
    const error = await refusal(forged);
    assert.equal(error.code === "invalid_token" && error.reason, "bad_signature");
  });

  test("refuses HS256 before looking up any key", async () => {
    const hits = issuer.jwksHits();
    const hs256 = await new SignJWT({ sub: "user-a", aud: PROFILE, iss: issuer.issuerUrl })
      .setProtectedHeader({ alg: "HS256" })
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode("a-shared-secret-that-is-32-bytes!"));
    const error = await refusal(hs256);
    assert.ok(error.code === "invalid_token" && error.reason === "unsupported_alg");
    assert.match(error.description, /HS256.*RS256/);
    assert.equal(issuer.jwksHits(), hits);
  });

  test('refuses an unsigned token (alg "none")', async () => {
    const part = (value: object) => base64url.encode(JSON.stringify(value));
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: "user-a", aud: PROFILE, iss: issuer.issuerUrl, exp: now + 60 };
    const error = await refusal(`${part({ alg: "none" })}.${part(claims)}.`);
    assert.equal(error.code === "invalid_token" && error.reason, "unsupported_alg");
  });

  test("refuses what is not a JWT", async () => {
    const error = await refusal("not-a-jwt");
    assert.equal(error.code === "invalid_token" && error.reason, "malformed");
  });

  test("refuses a token without sub", async () => {
    const error = await refusal(await issuer.sign({ sub: undefined }));
    assert.ok(error.code === "invalid_token" && error.reason === "invalid_claims");
    assert.match(error.description, /"sub"/);
  });

  test("reports an unreachable issuer as keys_unavailable, not as a bad token", async () => {
    const token = await issuer.sign({ iss: "http://localhost:1/" });
    const result = await verify(token, PROFILE, "http://localhost:1/");
    assert.equal(result.ok ? "ok" : result.error.code, "keys_unavailable");
    // Nothing of this server's internals (hosts, error text) reaches the caller.
    const description = !result.ok && "description" in result.error ? result.error.description : "";
    assert.match(description, /signing keys/);
    assert.doesNotMatch(description, /localhost|ECONNREFUSED|fetch failed/);
  });

  // Runs last: it rotates the issuer's key.
  test("fetches the JWKS again for an unknown kid, at most once per cooldown", async () => {
    mock.timers.enable({ apis: ["Date"], now: Date.now() });
    try {
      assert.ok((await verify(await issuer.sign())).ok);
      const hits = issuer.jwksHits();
      await issuer.rotate();
      const rotated = await issuer.sign();

      // Within the 30 s cooldown after the last fetch, an unknown kid is refused unfetched.
      const early = await verify(rotated);
      assert.equal(
        early.ok ? "ok" : early.error.code === "invalid_token" && early.error.reason,
        "unknown_key",
      );
      assert.equal(issuer.jwksHits(), hits);

      mock.timers.tick(31_000);
      assert.ok((await verify(rotated)).ok);
      assert.equal(issuer.jwksHits(), hits + 1);
    } finally {
      mock.timers.reset();
    }
  });
});
