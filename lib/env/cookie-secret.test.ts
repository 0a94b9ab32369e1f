import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, test } from "node:test";
import { localClient } from "@/config/local-client";
import { appEnv as benchAppEnv } from "@/bench/config";
import { appEnv as suiteAppEnv } from "@/test-support/servers";
import { EnvError, parseEnv } from "./server-env";

const tenant = {
  NODE_ENV: "production",
  AUTH0_DOMAIN: "my-tenant.us.auth0.com",
  AUTH0_CLIENT_ID: "abc",
  AUTH0_CLIENT_SECRET: "shh",
  APP_BASE_URL: "https://app.example.com",
};
const local = { NODE_ENV: "development" };

const sha256 = (word: string) => createHash("sha256").update(word).digest("hex");

/** The cookie secret's problem in each mode, or "" where it is accepted. */
function secretProblems(AUTH0_SECRET: string | undefined): { local: string; tenant: string } {
  const problemOf = (source: Record<string, string | undefined>) => {
    try {
      parseEnv(source);
      return "";
    } catch (error) {
      assert.ok(error instanceof EnvError);
      return error.problems.filter((line) => line.startsWith("AUTH0_SECRET")).join("\n");
    }
  };
  return {
    local: problemOf({ ...local, AUTH0_SECRET }),
    tenant: problemOf({ ...tenant, AUTH0_SECRET }),
  };
}

/** Fails unless both modes refuse `secret`, saying why with `reason`. */
function assertRefused(secret: string, reason: RegExp): void {
  const { local: inLocal, tenant: inTenant } = secretProblems(secret);
  for (const problem of [inLocal, inTenant]) {
    assert.match(problem, /^AUTH0_SECRET must be 32 random bytes/, secret);
    assert.match(problem, reason, secret);
    assert.match(problem, /openssl rand -hex 32/, secret);
  }
}

describe("the cookie secret (AUTH0_SECRET)", () => {
  test("is 64 hex characters, in local mode too", () => {
    for (const secret of ["x", "0123456789abcdef".repeat(3), "g".repeat(64)]) {
      assertRefused(secret, /64 hex characters/);
    }
  });

  test("is not the hash of a well-known word, in either case", () => {
    for (const word of ["", "password", "secret", "changeme"]) {
      assertRefused(sha256(word), /hash of a well-known word/);
      assertRefused(sha256(word).toUpperCase(), /hash of a well-known word/);
    }
  });

  test("repeats no run of 8 characters, wherever it starts", () => {
    for (const secret of [
      "a".repeat(64),
      "deadbeef".repeat(8),
      "0123456789abcdef".repeat(4),
      // A period of 11: 8-character blocks cut at multiples of 8 never repeat here.
      "0123456789a".repeat(6).slice(0, 64),
    ]) {
      assertRefused(secret, /repeats a run of 8 characters/);
    }
    const random = sha256("a secret nobody can guess");
    const copied = random.slice(0, 28) + random.slice(20, 28) + random.slice(36);
    assertRefused(copied, /repeats a run of 8 characters/);
  });

  test("uses at least 10 different hex digits", () => {
    // Nine digits, no run repeated: random bytes give this about once in a trillion draws.
    const nineDigits = [...sha256("few digits")].map((c) => String(parseInt(c, 16) % 9)).join("");
    assertRefused(nineDigits, /only 9 different hex digits/);
  });

  test("accepts real random bytes: the suite's, the benchmark's, the examples'", () => {
    const secrets = [
      suiteAppEnv.AUTH0_SECRET,
      benchAppEnv().AUTH0_SECRET,
      "6dce9ba274b68b3cee4a8454dec0e7609c5ea27f18e776a9f1cc639eb532efe7",
      sha256("a secret nobody can guess"),
    ];
    for (const secret of secrets)
      assert.deepEqual(secretProblems(secret), { local: "", tenant: "" });
    // The suite's servers start `next start` (production) on the local issuer with it.
    assert.equal(
      parseEnv({ ...suiteAppEnv, NODE_ENV: "production" }).secret,
      suiteAppEnv.AUTH0_SECRET,
    );
  });

  test("is not a word's hash as shells and tools make it, nor a sequence of bytes", () => {
    const sha512Cut = (word: string) =>
      createHash("sha512").update(word).digest("hex").slice(0, 64);
    // `echo password | sha256sum` hashes the newline too.
    for (const input of ["password\n", "Password", "hunter2", "auth0"]) {
      assertRefused(sha256(input), /hash of a well-known word/);
    }
    assertRefused(sha512Cut("password"), /hash of a well-known word/);
    const counter = Buffer.from(Array.from({ length: 32 }, (_, i) => i)).toString("hex");
    const stride = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 37) % 256)).toString(
      "hex",
    );
    for (const secret of [counter, stride]) assertRefused(secret, /is a sequence/);
  });

  test("the local client's cookie secret is only the local mode's default, never accepted given", () => {
    assert.equal(parseEnv(local).secret, localClient.cookieSecret);
    assertRefused(localClient.cookieSecret, /64 hex characters/);
    const missing = secretProblems(undefined);
    assert.equal(missing.local, "");
    assert.match(missing.tenant, /^AUTH0_SECRET must be 32 random bytes/);
  });
});
