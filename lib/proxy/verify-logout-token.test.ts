import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createRemoteJWKSet, type JWTPayload } from "jose";
import { startJwksIssuer, type JwksIssuer } from "@/test-support/jwks-issuer";
import { verifyLogoutToken } from "./verify-logout-token";

const CLIENT = "test-client";
let issuer: JwksIssuer;
before(async () => {
  issuer = await startJwksIssuer();
});
after(() => issuer.close());

const now = () => Math.floor(Date.now() / 1000);
const logoutToken = (claims: JWTPayload = {}) =>
  issuer.sign({
    aud: CLIENT,
    sid: "sid-1",
    jti: "jti-1",
    scope: undefined,
    events: { "http://schemas.openid.net/event/backchannel-logout": {} },
    ...claims,
  });
const check = async (token: string, keysUrl = `${issuer.domain}/.well-known/jwks.json`) =>
  verifyLogoutToken(token, {
    issuer: issuer.issuerUrl,
    audience: CLIENT,
    keys: createRemoteJWKSet(new URL(keysUrl), { timeoutDuration: 1_000 }),
  });

describe("verifyLogoutToken", () => {
  test("accepts a logout token until its exp, and names its jti", async () => {
    const exp = now() + 120;
    const result = await check(await logoutToken({ exp }));
    assert.deepEqual(result, { ok: true, jti: "jti-1", acceptedUntilMs: (exp + 5) * 1000 });
  });

  test("without exp, accepts it two minutes after its iat, and no longer", async () => {
    const fresh = await check(await logoutToken({ exp: undefined, iat: now() - 60 }));
    assert.equal(fresh.ok, true);
    const old = await check(await logoutToken({ exp: undefined, iat: now() - 130 }));
    assert.deepEqual(old, { ok: false, status: 400, reason: "Invalid logout token: too old." });
  });

  test("answers 503, not 400, when the issuer's keys cannot be fetched", async () => {
    const result = await check(await logoutToken(), "http://127.0.0.1:1/.well-known/jwks.json");
    assert.equal(result.ok === false && result.status, 503);
  });
});
