import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { EnvError, parseEnv } from "@/lib/env/server-env";
import { parseIssuerEnv } from "@/local-issuer/env";
import { envRules } from "./env-rules";

/** As `npm run dev` runs: without a NODE_ENV of development or test, the app is in production. */
const dev = { NODE_ENV: "development" };

/** The problems the app's parser reports for `source` in development, or [] if it accepts it. */
function appProblems(source: Record<string, string>): string[] {
  try {
    parseEnv({ ...dev, ...source });
    return [];
  } catch (error) {
    assert.ok(error instanceof EnvError);
    return error.problems;
  }
}

function issuerProblems(source: Record<string, string>): string[] {
  const result = parseIssuerEnv(source);
  return result.ok ? [] : result.problems;
}

describe("the variables the app and the local issuer share", () => {
  test("have the same defaults on both sides", () => {
    const app = parseEnv(dev);
    const issuer = parseIssuerEnv({});
    assert.ok(issuer.ok);
    assert.deepEqual(issuer.options.appBaseUrls, [app.appBaseUrl]);
    assert.equal(app.domain, `http://localhost:${issuer.options.port}`);
  });

  test("accept the same values on both sides", () => {
    const source = { APP_BASE_URL: " https://app.example.com ", LOCAL_ISSUER_PORT: "4401" };
    assert.equal(parseEnv({ ...dev, ...source }).appBaseUrl, "https://app.example.com");
    assert.equal(parseEnv({ ...dev, ...source }).domain, "http://localhost:4401");
    const issuer = parseIssuerEnv(source);
    assert.ok(issuer.ok);
    assert.deepEqual(issuer.options.appBaseUrls, ["https://app.example.com"]);
    assert.equal(issuer.options.port, 4401);
  });

  const refused: [string, Record<string, string>, RegExp][] = [
    ["an APP_BASE_URL without a scheme", { APP_BASE_URL: "localhost:3000" }, /^APP_BASE_URL/],
    ["an ftp APP_BASE_URL", { APP_BASE_URL: "ftp://localhost" }, /http\(s\) URL/],
    ["a LOCAL_ISSUER_PORT that is no number", { LOCAL_ISSUER_PORT: "abc" }, /port number/],
    ["a fractional LOCAL_ISSUER_PORT", { LOCAL_ISSUER_PORT: "4000.5" }, /whole number/],
    ["a LOCAL_ISSUER_PORT out of range", { LOCAL_ISSUER_PORT: "70000" }, /between 0 and 65535/],
  ];
  for (const [what, source, message] of refused) {
    test(`refuse ${what} with one and the same message`, () => {
      const fromApp = appProblems(source);
      assert.equal(fromApp.length, 1);
      assert.match(fromApp[0] ?? "", message);
      assert.deepEqual(issuerProblems(source), fromApp);
    });
  }

  test("port 0 is the issuer's 'any free port', which the app cannot follow", () => {
    assert.equal(envRules.LOCAL_ISSUER_PORT.parse("0"), 0);
    assert.deepEqual(issuerProblems({ LOCAL_ISSUER_PORT: "0" }), []);
    assert.match(appProblems({ LOCAL_ISSUER_PORT: "0" })[0] ?? "", /^LOCAL_ISSUER_PORT=0 .* set/);
    assert.deepEqual(
      appProblems({ LOCAL_ISSUER_PORT: "0", AUTH0_DOMAIN: "http://localhost:1" }),
      [],
    );
  });
});
