import assert from "node:assert/strict";
import { test } from "node:test";
import type { SessionData } from "@auth0/nextjs-auth0/types";
import { bindingCookies, isBound } from "./mfa-token-binding";

const secret = "a".repeat(64);
const sessionOf = (sub: string, createdAt = 1_700_000_000): SessionData => ({
  user: { sub },
  tokenSet: { accessToken: "at", expiresAt: createdAt + 60 },
  internal: { sid: "", createdAt },
});
const alice = sessionOf("auth0|alice");

/** The cookies a browser keeps from these `Set-Cookie` values (an empty one is a deletion). */
function jar(before: { name: string; value: string }[], setCookies: string[]) {
  const cookies = new Map(before.map((cookie) => [cookie.name, cookie.value]));
  for (const line of setCookies) {
    const [pair = ""] = line.split(";");
    const [name = "", value = ""] = pair.split("=");
    if (value === "") cookies.delete(name);
    else cookies.set(name, value);
  }
  return [...cookies].map(([name, value]) => ({ name, value }));
}

test("an mfa_token is bound to the session it was handed to, in the browser that got the cookie", () => {
  const set = bindingCookies({
    secret,
    session: alice,
    mfaToken: "jwe-1",
    cookies: [],
    https: false,
  });
  assert.equal(set.length, 1);
  assert.match(
    set[0] ?? "",
    /^mfab_[\w-]{22}=\d+; Max-Age=600; Path=\/auth; HttpOnly; SameSite=Strict$/,
  );
  const cookies = jar([], set);
  assert.equal(isBound({ secret, session: alice, mfaToken: "jwe-1", cookies }), true);
  // Another token, another user, another sign-in of the same user, no cookie, another secret.
  assert.equal(isBound({ secret, session: alice, mfaToken: "jwe-2", cookies }), false);
  assert.equal(
    isBound({ secret, session: sessionOf("auth0|bob"), mfaToken: "jwe-1", cookies }),
    false,
  );
  const later = sessionOf("auth0|alice", 1_700_000_001);
  assert.equal(isBound({ secret, session: later, mfaToken: "jwe-1", cookies }), false);
  assert.equal(isBound({ secret, session: alice, mfaToken: "jwe-1", cookies: [] }), false);
  assert.equal(
    isBound({ secret: "b".repeat(64), session: alice, mfaToken: "jwe-1", cookies }),
    false,
  );
});

test("the token is compared exactly: whitespace the decoder would ignore changes the binding", () => {
  const token = "eyJhbGciOiJkaXIifQ..iv.ciphertext.tag";
  const cookies = jar(
    [],
    bindingCookies({ secret, session: alice, mfaToken: token, cookies: [], https: false }),
  );
  for (const variant of [` ${token}`, `${token.slice(0, -3)} ${token.slice(-3)}`, `${token}\t`]) {
    assert.equal(
      isBound({ secret, session: alice, mfaToken: variant, cookies }),
      false,
      JSON.stringify(variant),
    );
  }
});

test("answers made at once keep each other's bindings; the four newest stay, Secure over https", () => {
  // Two answers computed from the same request cookies: both bindings survive.
  const [first = "", second = ""] = ["jwe-a", "jwe-b"].map(
    (mfaToken) =>
      bindingCookies({ secret, session: alice, mfaToken, cookies: [], https: false })[0],
  );
  const together = jar([], [first, second]);
  for (const mfaToken of ["jwe-a", "jwe-b"]) {
    assert.equal(isBound({ secret, session: alice, mfaToken, cookies: together }), true);
  }
  let cookies: { name: string; value: string }[] = [];
  let set: string[] = [];
  for (let index = 1; index <= 6; index++) {
    set = bindingCookies({
      secret,
      session: alice,
      mfaToken: `jwe-${index}`,
      cookies,
      https: true,
      now: index,
    });
    cookies = jar(cookies, set);
  }
  assert.match(set[0] ?? "", /; Secure$/);
  // Planted cookies with made-up times are dropped first, not the real bindings.
  const planted = [1, 2, 3, 4].map((index) => ({ name: `mfab_planted${index}`, value: "9e99" }));
  const afterPlanted = jar(
    [...cookies, ...planted],
    bindingCookies({
      secret,
      session: alice,
      mfaToken: "jwe-7",
      cookies: [...cookies, ...planted],
      https: true,
      now: 7,
    }),
  );
  assert.equal(afterPlanted.filter((cookie) => cookie.name.startsWith("mfab_planted")).length, 0);
  assert.equal(cookies.length, 4);
  for (const index of [1, 2]) {
    assert.equal(isBound({ secret, session: alice, mfaToken: `jwe-${index}`, cookies }), false);
  }
  for (const index of [3, 4, 5, 6]) {
    assert.equal(isBound({ secret, session: alice, mfaToken: `jwe-${index}`, cookies }), true);
  }
});
