import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { DPOP_KEY_FILE, dpopKeyPairFrom, storedDpopKey } from "@/lib/dpop/dpop-key-pair";
import {
  dpopKeyVariables,
  problemsOf as problemsOfParse,
  tenantWithoutDpopKey,
} from "@/test-support/env-fixtures";
import { parseEnv } from "./server-env";

const tenant = { ...tenantWithoutDpopKey, NODE_ENV: "production" };
const pemPair = dpopKeyVariables;
const problemsOf = (source: Record<string, string | undefined>) =>
  problemsOfParse(parseEnv, source);

describe("the DPoP key pair in the environment", () => {
  test("in production against a tenant, a missing key pair refuses to start", () => {
    assert.match(problemsOf(tenant).join("\n"), /AUTH0_DPOP_PUBLIC_KEY and .* are missing/);
  });

  test("a malformed, half or mismatched key pair refuses to start, naming the fix", () => {
    const ec = pemPair();
    const other = pemPair();
    const cases: [Record<string, string>, RegExp][] = [
      [{ ...ec, AUTH0_DPOP_PRIVATE_KEY: "not a key" }, /AUTH0_DPOP_PRIVATE_KEY is not a PEM/],
      [{ ...ec, AUTH0_DPOP_PUBLIC_KEY: "" }, /Set both .* or neither/],
      [pemPair("rsa"), /must be an EC P-256 key/],
      [{ ...ec, AUTH0_DPOP_PUBLIC_KEY: other.AUTH0_DPOP_PUBLIC_KEY }, /not the public half/],
    ];
    for (const [keys, message] of cases) {
      assert.match(problemsOf({ ...tenant, ...keys }).join("\n"), message);
      // Wrong keys are refused outside production too: the SDK would fall back to Bearer.
      assert.match(problemsOf({ NODE_ENV: "development", ...keys }).join("\n"), message);
    }
  });

  test("a good pair is taken, \\n escapes included; local mode needs none", () => {
    const keys = pemPair();
    const escaped = keys.AUTH0_DPOP_PRIVATE_KEY.replace(/\n/g, "\\n");
    const env = parseEnv({ ...tenant, ...keys, AUTH0_DPOP_PRIVATE_KEY: escaped });
    assert.equal(env.dpopKey?.privateKey, keys.AUTH0_DPOP_PRIVATE_KEY.trim());
    assert.equal(parseEnv({ NODE_ENV: "development" }).dpopKey, undefined);
    const local = { NODE_ENV: "production", ALLOW_LOCAL_ISSUER_IN_PRODUCTION: "true" };
    assert.equal(parseEnv({ ...local, APP_BASE_URL: "http://localhost:3000" }).dpopKey, undefined);
  });
});

describe("the key pair made on first run", () => {
  test("is kept in the state folder, private to its owner, and the same after a restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dpop-key-"));
    try {
      const source = { LOCAL_ISSUER_STATE_DIR: dir };
      const first = storedDpopKey(source);
      assert.deepEqual(storedDpopKey(source), first);
      const file = join(dir, DPOP_KEY_FILE);
      assert.deepEqual(JSON.parse(readFileSync(file, "utf8")), first);
      assert.equal(statSync(file).mode & 0o077, 0);
      const pair = await dpopKeyPairFrom(undefined, source);
      assert.equal(pair.privateKey.extractable, false);
      assert.equal(pair.publicKey.algorithm.name, "ECDSA");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
