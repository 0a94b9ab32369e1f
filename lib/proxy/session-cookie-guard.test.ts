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

test("a forged header split across two chunks, or behind an empty first chunk, is judged joined", () => {
  const forged = jwe({ alg: "RSA-OAEP", enc: "A256GCM" });
  const split = [
    { name: "__session__0", value: forged.slice(0, 10) },
    { name: "__session__1", value: forged.slice(10) },
  ];
  assert.deepEqual(unreadableSdkCookies(split).sort(), ["__session__0", "__session__1"]);
  const emptyFirst = [
    { name: "__session__0", value: "" },
    { name: "__session__1", value: forged },
  ];
  assert.deepEqual(unreadableSdkCookies(emptyFirst).sort(), ["__session__0", "__session__1"]);
  const emptyWhole = [
    { name: "__session", value: "" },
    { name: "__session__0", value: forged },
  ];
  assert.deepEqual(unreadableSdkCookies(emptyWhole).sort(), ["__session", "__session__0"]);
});

test("the legacy appSession, connection-token cookies and timestamped transactions are judged", () => {
  const forged = jwe({ alg: "ECDH-ES", enc: "A256GCM" });
  assert.deepEqual(unreadableSdkCookies([{ name: "appSession", value: forged }]), ["appSession"]);
  const legacyChunks = [
    { name: "appSession.0", value: forged.slice(0, 7) },
    { name: "appSession.1", value: forged.slice(7) },
  ];
  assert.deepEqual(unreadableSdkCookies(legacyChunks).sort(), ["appSession.0", "appSession.1"]);
  assert.deepEqual(unreadableSdkCookies([{ name: "__FC_0", value: forged }]), ["__FC_0"]);
  assert.deepEqual(unreadableSdkCookies([{ name: "__txn_abc", value: `1733400000:${forged}` }]), [
    "__txn_abc",
  ]);
  assert.deepEqual(
    unreadableSdkCookies([{ name: "__txn_abc", value: `1733400000:${sdkJwe}` }]),
    [],
  );
  assert.deepEqual(unreadableSdkCookies([{ name: "__FC_0", value: sdkJwe }]), []);
});

test("a chunk index the SDK never writes is dropped: the SDK would clear every index up to it", () => {
  const cookies = [
    { name: "__session__0", value: sdkJwe.slice(0, 20) },
    { name: "__session__1", value: sdkJwe.slice(20) },
    { name: "__session__100000", value: "x" },
    { name: "__session__0009", value: "x" },
    { name: "appSession.4000", value: "x" },
    { name: `__session__${"9".repeat(400)}`, value: "x" },
  ];
  assert.deepEqual(
    unreadableSdkCookies(cookies).sort(),
    [`__session__${"9".repeat(400)}`, "__session__100000", "appSession.4000"].sort(),
  );
});

test("the DPoP client's session (chunks included) and sign-in cookies are judged the same way", () => {
  const forged = jwe({ alg: "RSA-OAEP", enc: "A256GCM" });
  const cookies = [
    { name: "__session_dpop__0", value: forged.slice(0, 10) },
    { name: "__session_dpop__1", value: forged.slice(10) },
    { name: "__session_dpop__42", value: sdkJwe },
    { name: "__dpop_txn_abc", value: `123:${forged}` },
    { name: "__session", value: sdkJwe },
  ];
  assert.deepEqual(unreadableSdkCookies(cookies).sort(), [
    "__dpop_txn_abc",
    "__session_dpop__0",
    "__session_dpop__1",
    "__session_dpop__42",
  ]);
});
