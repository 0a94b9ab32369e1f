/**
 * Contract tests of the command line (`tsx local-issuer/main.ts`), run as a child process: the
 * start-up line, a clean stop on SIGTERM, and refusals with exit code 1.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const stateDir = mkdtempSync(join(tmpdir(), "local-issuer-test-"));
after(() => rmSync(stateDir, { recursive: true, force: true }));

/** Starts the CLI with the test runner's own variables (NODE_ENV, NODE_TEST_*) removed. */
function startCli(env: Record<string, string>) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(childEnv)) {
    if (/^NODE_(ENV|TEST)/.test(name)) Reflect.deleteProperty(childEnv, name);
  }
  Object.assign(childEnv, { LOCAL_ISSUER_STATE_DIR: stateDir }, env);
  const child = spawn(process.execPath, ["--import", "tsx", "local-issuer/main.ts"], {
    cwd: repoRoot,
    env: childEnv,
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += String(chunk)));
  child.stderr.on("data", (chunk) => (stderr += String(chunk)));
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on("close", (code) => resolve({ code, stdout, stderr })),
  );
  const waitForOutput = async (pattern: RegExp): Promise<RegExpExecArray> => {
    for (const deadline = Date.now() + 15_000; Date.now() < deadline;) {
      const match = pattern.exec(stdout);
      if (match) return match;
      if (child.exitCode !== null) assert.fail(`exited before printing ${pattern}: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return assert.fail(`no output matching ${pattern} within 15 s: ${stdout}${stderr}`);
  };
  return { child, exited, waitForOutput };
}

// Three child processes of about a second each: run them side by side.
describe("CLI", { concurrency: true }, () => {
  test("CLI: a start-up line says what it is, where, and local only; SIGTERM stops it", async () => {
    const cli = startCli({ LOCAL_ISSUER_PORT: "0" });
    try {
      const [line, url = ""] = await cli.waitForOutput(
        /^.*server at (http:\/\/localhost:\d+\/).*$/m,
      );
      assert.match(line, /Local Auth0-compatible authorization server/);
      assert.match(line, /local development only/);
      const metadata = await fetch(new URL(".well-known/openid-configuration", url));
      assert.equal(((await metadata.json()) as { issuer: string }).issuer, url);
    } finally {
      cli.child.kill("SIGTERM");
    }
    const { code, stderr } = await cli.exited;
    assert.equal(code, 0);
    assert.doesNotMatch(
      stderr,
      /Unsupported runtime/,
      "oidc-provider's Node 20 notice is filtered",
    );
  });

  test("CLI: NODE_ENV=production is refused with exit code 1", async () => {
    const { code, stderr } = await startCli({ NODE_ENV: "production" }).exited;
    assert.equal(code, 1);
    assert.match(stderr, /NODE_ENV=production: the local authorization server is for development/);
  });

  test("CLI: an invalid variable is named with a fix, exit code 1", async () => {
    const { code, stderr } = await startCli({ LOCAL_ISSUER_ACCESS_TOKEN_TTL: "ten" }).exited;
    assert.equal(code, 1);
    assert.match(
      stderr,
      /LOCAL_ISSUER_ACCESS_TOKEN_TTL must be a number of seconds, for example 600/,
    );
  });
});
