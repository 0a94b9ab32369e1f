import assert from "node:assert/strict";
import { test } from "node:test";
import { extractRegion, isShowable, readSnippet, readSource } from "./source-snippet";

// readSource reads the app's configuration: node --test sets no NODE_ENV, and the app counts a
// missing one as production. (Next.js types NODE_ENV as read-only; only the tests set it.)
Object.assign(process.env, { NODE_ENV: "test" });

test("extractRegion returns the lines between the markers, dedented, with their line numbers", () => {
  const source = [
    "import x from 'x';",
    "function f() {",
    "  // #region call",
    "  const a = 1;",
    "    return a;",
    "  // #endregion",
    "}",
  ].join("\n");
  assert.deepEqual(extractRegion("f.ts", source, "call"), {
    file: "f.ts",
    startLine: 4,
    endLine: 5,
    code: "const a = 1;\n  return a;",
  });
});

test("extractRegion names the file and region when the markers are missing", () => {
  assert.throws(() => extractRegion("f.ts", "nothing here", "call"), /f\.ts has no region "call"/);
});

test("only project source folders are showable", () => {
  assert.equal(isShowable("components/demos/basic-usage.tsx"), true);
  assert.equal(isShowable("lib/auth0.ts"), true);
  assert.equal(isShowable("proxy.ts"), true);
  assert.equal(isShowable("provisioning/plan.ts"), true);
  assert.equal(isShowable("../etc/passwd"), false);
  assert.equal(isShowable("lib/../../secret.ts"), false);
  assert.equal(isShowable("/etc/passwd"), false);
  assert.equal(isShowable(".env.local"), false);
  assert.equal(isShowable("lib/notes.md"), false);
});

test("proxy.ts is one file, not a prefix (found by the generated inputs)", () => {
  assert.equal(isShowable("proxy.ts/x.ts"), false);
  assert.equal(isShowable("proxy.ts.d/x.ts"), false);
});

test("readSnippet reads a real region from this repository", async () => {
  const snippet = await readSnippet("lib/tutorial/source-snippet.test.ts", "self-test");
  assert.equal(snippet.code, 'const marker = "this line is read by its own test";');
});

// #region self-test
const marker = "this line is read by its own test";
// #endregion
void marker;

test("a file that holds a secret in use is never read, whatever folder it is in", async () => {
  await assert.rejects(readSource("config/local-client.ts"), /holds a secret and is never shown/);
  assert.match(await readSource("lib/env/server-env.ts"), /export function parseEnv/);
  assert.match(await readSource("config/apis.ts"), /profile-api\.example\.com/);
});
