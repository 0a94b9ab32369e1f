/**
 * The switch that points the end-to-end suite at a running app (`test-support/target.ts`): how it
 * reads the environment, and what Playwright then does, loaded in both modes. No browser and no
 * server starts: `playwright test --list` only collects the specs. (The unit test sits here, not
 * in e2e/, where Playwright would collect it as a spec.)
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, test } from "node:test";
import { appUrl } from "@/test-support/servers";
import { readTarget } from "@/test-support/target";

const targetEnv = {
  E2E_BASE_URL: "https://app.example.com/",
  E2E_USER_EMAIL: "tester@example.com",
  E2E_USER_PASSWORD: "a-password",
};

/** Specs that only make sense on the local issuer: every one of their tests skips on a target. */
const localOnlySpecs = [
  "custom-route.spec.ts",
  "faults.spec.ts",
  "full-response.spec.ts",
  "hostile-apis.spec.ts",
  "isolation.spec.ts",
  "refresh-guard.spec.ts",
  "secrets.spec.ts",
  "server-side.spec.ts",
  "tenant-setup.spec.ts",
  "token-races.spec.ts",
];

function envWith(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  for (const name of Object.keys(targetEnv)) if (!(name in extra)) delete env[name];
  return env;
}

type ListedTest = { file: string; skipReasons: string[] };

/** Every test Playwright collects, with the reasons of the skips decided at collection. */
function listTests(extra: Record<string, string>): ListedTest[] {
  const output = execFileSync(
    join("node_modules", ".bin", "playwright"),
    ["test", "--list", "--reporter=json"],
    { env: envWith(extra), encoding: "utf8", maxBuffer: 32 * 1024 * 1024 },
  );
  type Suite = {
    file: string;
    specs: { tests: { annotations: { type: string; description?: string }[] }[] }[];
    suites?: Suite[];
  };
  const flatten = (suite: Suite): ListedTest[] => [
    ...suite.specs.flatMap((spec) =>
      spec.tests.map((listed) => ({
        file: suite.file,
        skipReasons: listed.annotations
          .filter((annotation) => annotation.type === "skip")
          .map((annotation) => annotation.description ?? ""),
      })),
    ),
    ...(suite.suites ?? []).flatMap(flatten),
  ];
  return (JSON.parse(output) as { suites: Suite[] }).suites.flatMap(flatten);
}

/** The loaded Playwright configuration's servers and base URL. */
function loadConfig(extra: Record<string, string>): { servers: number; baseURL: string } {
  const script =
    'const { default: c } = await import("./playwright.config.ts");' +
    "console.log(JSON.stringify({ servers: c.webServer.length, baseURL: c.use.baseURL }));";
  const output = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module"], {
    input: script,
    env: envWith(extra),
    encoding: "utf8",
  });
  return JSON.parse(output) as { servers: number; baseURL: string };
}

describe("readTarget", () => {
  test("no E2E_BASE_URL: no target, the local run", () => {
    assert.equal(readTarget({}), undefined);
    assert.equal(readTarget({ E2E_BASE_URL: "  " }), undefined);
  });

  test("all three set: the app's URL without a trailing slash, and the user", () => {
    assert.deepEqual(readTarget(targetEnv), {
      baseUrl: "https://app.example.com",
      user: { email: "tester@example.com", password: "a-password" },
    });
  });

  test("a URL without credentials, or a value that is no URL, is refused with the fix", () => {
    assert.throws(
      () => readTarget({ E2E_BASE_URL: targetEnv.E2E_BASE_URL }),
      /set E2E_USER_EMAIL and E2E_USER_PASSWORD/,
    );
    assert.throws(() => readTarget({ ...targetEnv, E2E_BASE_URL: "app.example.com" }), /not a URL/);
  });
});

describe("Playwright in both modes", () => {
  test("the local run starts its servers; a target run starts none and opens the target", () => {
    const local = loadConfig({});
    assert.ok(local.servers > 0);
    assert.equal(local.baseURL, appUrl);
    assert.deepEqual(loadConfig(targetEnv), { servers: 0, baseURL: "https://app.example.com" });
  });

  test("the local run skips nothing; a target run skips the local-only specs, with the reason", () => {
    const local = listTests({});
    assert.ok(local.length > 0);
    assert.deepEqual(
      local.filter((listed) => listed.skipReasons.length > 0),
      [],
    );

    const onTarget = listTests(targetEnv);
    assert.equal(onTarget.length, local.length, "the same tests, some skipped");
    for (const file of localOnlySpecs) {
      const tests = onTarget.filter((listed) => listed.file === file);
      assert.ok(tests.length > 0, `${file} is collected`);
      for (const listed of tests) {
        assert.match(listed.skipReasons.join(), /^runs on the local issuer only .*: \S/, file);
      }
    }
    const kept = onTarget.filter((listed) => listed.file === "basic-usage.spec.ts");
    assert.ok(kept.length > 0 && kept.every((listed) => listed.skipReasons.length === 0));
  });
});
