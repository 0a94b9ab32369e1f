import assert from "node:assert/strict";
import { test } from "node:test";
import { unreadableSdkCookies } from "./session-cookie-guard";

const jwe = (header: object) =>
  `${Buffer.from(JSON.stringify(header)).toString("base64url")}.cek.iv.ciphertext.tag`;
const sdkJwe = jwe({ alg: "dir", enc: "A256GCM" });

test("keeps the SDK's own cookies, and values that are no JWE (the SDK ignores those)", () => {
  const cookies = [
    { name: "__session", value: sdkJwe },
    { name: "__txn_abc", value: sdkJwe },
    { name: "other", value: jwe({ alg: "RSA-OAEP", enc: "A256GCM" }) },
  ];
  assert.deepEqual(unreadableSdkCookies(cookies), []);
  for (const value of ["garbage", "", "W10.x", "%%%"]) {
    assert.deepEqual(unreadableSdkCookies([{ name: "__session", value }]), [], value);
  }
});

test("drops a session whose JWE header names an algorithm the SDK never uses, or crit", () => {
  for (const header of [
    { alg: "RSA-OAEP", enc: "A256GCM" },
    { alg: "PBES2-HS256+A128KW", enc: "A256GCM", p2c: 1e9, p2s: "AAAA" },
    { alg: "ECDH-ES", enc: "A256GCM" },
    { alg: "dir", enc: "A128CBC-HS256" },
    { alg: "dir", enc: "A256GCM", crit: ["exp"] },
    { alg: "dir", enc: "A256GCM", zip: "DEF" },
  ]) {
    assert.deepEqual(
      unreadableSdkCookies([{ name: "__session", value: jwe(header) }]),
      ["__session"],
      JSON.stringify(header),
    );
  }
});

test("a forged first chunk drops the whole chunked session, and nothing else", () => {
  const cookies = [
    { name: "__session__0", value: jwe({ alg: "ECDH-ES", enc: "A256GCM" }) },
    { name: "__session__1", value: "rest-of-the-jwe" },
    { name: "__txn_abc", value: sdkJwe },
  ];
  assert.deepEqual(unreadableSdkCookies(cookies).sort(), ["__session__0", "__session__1"]);
});

test("a forged sign-in transaction is dropped alone", () => {
  const cookies = [
    { name: "__session", value: sdkJwe },
    { name: "__txn_xyz", value: jwe({ alg: "RSA-OAEP-256", enc: "A256GCM" }) },
  ];
  assert.deepEqual(unreadableSdkCookies(cookies), ["__txn_xyz"]);
});
