import assert from "node:assert/strict";
import { test } from "node:test";
import type { SessionData } from "@auth0/nextjs-auth0/types";
import { bindingCookie, isBound, MFA_BINDING_COOKIE } from "./mfa-token-binding";

const secret = "a".repeat(64);
const sessionOf = (sub: string, createdAt = 1_700_000_000): SessionData => ({
  user: { sub },
  tokenSet: { accessToken: "at", expiresAt: createdAt + 60 },
  internal: { sid: "", createdAt },
});
const alice = sessionOf("auth0|alice");

/** The cookie's value as the browser would send it back. */
const valueOf = (setCookie: string) =>
  setCookie.slice(`${MFA_BINDING_COOKIE}=`.length).split(";")[0];

test("an mfa_token is bound to the session it was handed to, in the browser that got the cookie", () => {
  const cookie = bindingCookie({
    secret,
    session: alice,
    mfaToken: "jwe-1",
    cookieValue: undefined,
    https: false,
  });
  assert.match(cookie, /; Path=\/auth; Max-Age=600; HttpOnly; SameSite=Strict$/);
  const cookieValue = valueOf(cookie);
  assert.equal(isBound({ secret, session: alice, mfaToken: "jwe-1", cookieValue }), true);
  // Another token, another user, another sign-in of the same user, no cookie, another secret.
  assert.equal(isBound({ secret, session: alice, mfaToken: "jwe-2", cookieValue }), false);
  assert.equal(
    isBound({ secret, session: sessionOf("auth0|bob"), mfaToken: "jwe-1", cookieValue }),
    false,
  );
  assert.equal(
    isBound({
      secret,
      session: sessionOf("auth0|alice", 1_700_000_001),
      mfaToken: "jwe-1",
      cookieValue,
    }),
    false,
  );
  assert.equal(
    isBound({ secret, session: alice, mfaToken: "jwe-1", cookieValue: undefined }),
    false,
  );
  assert.equal(
    isBound({ secret: "b".repeat(64), session: alice, mfaToken: "jwe-1", cookieValue }),
    false,
  );
});

test("keeps the four newest bindings, Secure over https, and ignores values it did not write", () => {
  let cookieValue: string | undefined = "junk.<script>.";
  let cookie = "";
  for (let index = 1; index <= 5; index++) {
    cookie = bindingCookie({
      secret,
      session: alice,
      mfaToken: `jwe-${index}`,
      cookieValue,
      https: true,
    });
    cookieValue = valueOf(cookie);
  }
  assert.match(cookie, /; Secure$/);
  assert.equal(cookieValue?.split(".").length, 4);
  assert.equal(isBound({ secret, session: alice, mfaToken: "jwe-1", cookieValue }), false);
  for (const index of [2, 3, 4, 5]) {
    assert.equal(isBound({ secret, session: alice, mfaToken: `jwe-${index}`, cookieValue }), true);
  }
});
