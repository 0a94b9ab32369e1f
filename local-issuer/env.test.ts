import assert from "node:assert/strict";
import { test } from "node:test";
import { parseIssuerEnv, startFailureHint } from "./env";

test("parseIssuerEnv: defaults for an empty environment", () => {
  const result = parseIssuerEnv({});
  assert.ok(result.ok);
  assert.equal(result.options.port, 4000);
  assert.deepEqual(result.options.appBaseUrls, ["http://localhost:3000"]);
  assert.equal(result.options.accessTokenTtl, 600);
  assert.equal(result.options.reuseInterval, 0);
  assert.equal(result.options.strict, false);
  assert.equal(result.options.testEndpoints, false);
  assert.equal(result.options.tenant, "default");
  assert.match(result.options.stateDir, /\.local-issuer\/?$/);
});

test("parseIssuerEnv: values from the environment, blank meaning unset", () => {
  const result = parseIssuerEnv({
    LOCAL_ISSUER_PORT: "4401",
    LOCAL_ISSUER_APP_URLS: "http://localhost:3401, http://localhost:3402",
    LOCAL_ISSUER_ACCESS_TOKEN_TTL: " ",
    LOCAL_ISSUER_REFRESH_REUSE_INTERVAL: "2",
    LOCAL_ISSUER_MRRT_STRICT: "true",
    LOCAL_ISSUER_TENANT: "empty",
  });
  assert.ok(result.ok);
  assert.equal(result.options.tenant, "empty");
  assert.equal(result.options.port, 4401);
  assert.deepEqual(result.options.appBaseUrls, [
    "http://localhost:3000",
    "http://localhost:3401",
    "http://localhost:3402",
  ]);
  assert.equal(result.options.accessTokenTtl, 600);
  assert.equal(result.options.reuseInterval, 2);
  assert.equal(result.options.strict, true);
});

test("parseIssuerEnv: production is refused whatever the case of NODE_ENV", () => {
  for (const NODE_ENV of ["Production", "PRODUCTION"]) {
    const result = parseIssuerEnv({ NODE_ENV });
    assert.equal(result.ok, false);
    assert.match(result.ok ? "" : result.problems.join("\n"), /the local authorization server is/);
  }
});

test("parseIssuerEnv: each problem names its variable and the fix", () => {
  const result = parseIssuerEnv({
    NODE_ENV: "production",
    LOCAL_ISSUER_PORT: "70000",
    LOCAL_ISSUER_MRRT_STRICT: "yes",
    APP_BASE_URL: "localhost:3000",
    LOCAL_ISSUER_TENANT: "blank",
  });
  assert.equal(result.ok, false);
  const problems = result.ok ? [] : result.problems;
  assert.equal(problems.length, 5);
  assert.match(problems.join("\n"), /LOCAL_ISSUER_TENANT must be "default" or "empty"/);
  assert.match(problems.join("\n"), /NODE_ENV=production: .* Unset NODE_ENV/);
  assert.match(problems.join("\n"), /LOCAL_ISSUER_PORT must be between 0 and 65535/);
  assert.match(problems.join("\n"), /LOCAL_ISSUER_MRRT_STRICT must be "true" or "false"/);
  assert.match(problems.join("\n"), /APP_BASE_URL must be an http\(s\) URL/);
});

test("startFailureHint: names the variable that fixes a failed start", () => {
  const result = parseIssuerEnv({
    LOCAL_ISSUER_STATE_DIR: "/tmp/issuer-state",
    LOCAL_ISSUER_PORT: "80",
  });
  assert.ok(result.ok);
  const failure = (fields: Partial<NodeJS.ErrnoException>) =>
    Object.assign(new Error(fields.code), fields);
  assert.match(
    startFailureHint(failure({ code: "EADDRINUSE", syscall: "listen" }), result.options),
    /set LOCAL_ISSUER_PORT to a free port/,
  );
  assert.match(
    startFailureHint(failure({ code: "EACCES", syscall: "listen" }), result.options),
    /LOCAL_ISSUER_PORT=80 needs privileges/,
  );
  assert.match(
    startFailureHint(
      failure({ code: "ENOTDIR", syscall: "mkdir", path: "/tmp/issuer-state/keys.json" }),
      result.options,
    ),
    /LOCAL_ISSUER_STATE_DIR \(\/tmp\/issuer-state\) must be a folder .* or unset it/,
  );
  assert.equal(startFailureHint(new Error("boom"), result.options), "");
});
