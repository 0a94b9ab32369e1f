/**
 * Contract tests: the signing key and the state (grants, refresh tokens, sessions) survive a
 * restart, and a corrupt state or key file is replaced with a log line instead of a crash.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { apis } from "@/config/apis";
import { startLocalTestIssuer } from "@/test-support/issuer-fixture";
import { login, refresh } from "@/test-support/oauth-flow";

async function jwksKids(url: string): Promise<string[]> {
  const response = await fetch(new URL(".well-known/jwks.json", url));
  return ((await response.json()) as { keys: { kid: string }[] }).keys.map((key) => key.kid);
}

test("restart keeps state: the same refresh token works and the JWKS keeps its kid", async () => {
  const first = await startLocalTestIssuer();
  const { body } = await login(first.url, { audience: apis.profile.audience });
  const kids = await jwksKids(first.url);
  await first.close();

  const second = await startLocalTestIssuer({ stateDir: first.stateDir, port: first.port });
  try {
    assert.equal(second.url, first.url);
    assert.deepEqual(await jwksKids(second.url), kids);
    const refreshed = await refresh(second.url, body.refresh_token ?? "");
    assert.equal(refreshed.status, 200);
    assert.ok(refreshed.body.refresh_token);
  } finally {
    await second.dispose();
  }
});

test("a corrupt state file and key file are recreated with a log line, without a crash", async () => {
  const stateDir = mkdtempSync(join(tmpdir(), "local-issuer-test-"));
  writeFileSync(join(stateDir, "state.json"), "{ this is not json");
  writeFileSync(join(stateDir, "keys.json"), JSON.stringify({ signingKey: "nope" }));

  const issuer = await startLocalTestIssuer({ stateDir });
  try {
    assert.ok(issuer.lines.some((line) => /state file .* is not valid JSON/.test(line)));
    assert.ok(issuer.lines.some((line) => /key file .* is unreadable/.test(line)));
    assert.ok(readdirSync(stateDir).some((name) => name.startsWith("state.json.corrupt-")));

    const { status } = await login(issuer.url, { audience: apis.profile.audience });
    assert.equal(status, 200);
    assert.ok(existsSync(join(stateDir, "state.json")));
    assert.doesNotThrow(() => JSON.parse(readFileSync(join(stateDir, "state.json"), "utf8")));
  } finally {
    await issuer.dispose();
  }
});
