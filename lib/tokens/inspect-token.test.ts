import assert from "node:assert/strict";
import { test } from "node:test";
import { UnsecuredJWT } from "jose";
import { inspectToken } from "./inspect-token";

const profile = "https://profile-api.example.com";
const orders = "https://orders-api.example.com";

function token(claims: Record<string, unknown>): string {
  return new UnsecuredJWT(claims).encode();
}

test("a token for the asked audience with every asked scope has no warnings", () => {
  const info = inspectToken(
    token({
      aud: [profile, "http://localhost:4000/userinfo"],
      scope: "openid read:profile",
      exp: 1060,
      sub: "u1",
    }),
    { audience: profile, scope: "openid profile read:profile" },
    1000,
  );
  assert.ok(info.ok);
  assert.equal(info.audienceMatches, true);
  assert.deepEqual(info.requestedScopes, ["read:profile"]);
  assert.deepEqual(info.droppedScopes, []);
  assert.equal(info.expiresIn, 60);
  assert.deepEqual(info.warnings, []);
  assert.equal(info.claims.sub, "u1");
});

test("the silent audience fallback is detected and explained", () => {
  const info = inspectToken(
    token({ aud: profile, scope: "read:profile" }),
    { audience: orders },
    0,
  );
  assert.ok(info.ok);
  assert.equal(info.audienceMatches, false);
  assert.match(
    info.warnings[0] ?? "",
    /Asked for a token for https:\/\/orders-api.example.com but got one for https:\/\/profile-api.example.com/,
  );
});

test("dropped scopes and expiry are reported", () => {
  const info = inspectToken(
    token({ aud: profile, scope: "read:profile", exp: 10 }),
    { audience: profile, scope: "read:profile write:profile" },
    20,
  );
  assert.ok(info.ok);
  assert.deepEqual(info.droppedScopes, ["write:profile"]);
  assert.equal(info.expiresIn, -10);
  assert.equal(info.warnings.length, 2);
});

test("a value that is not a JWT is reported, not thrown", () => {
  const info = inspectToken("opaque-token", { audience: profile });
  assert.equal(info.ok, false);
});
