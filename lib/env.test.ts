import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { localClient } from "@/config/local-client";
import { EnvError, parseEnv } from "./env";

const tenant = {
  AUTH0_DOMAIN: "my-tenant.us.auth0.com",
  AUTH0_CLIENT_ID: "abc",
  AUTH0_CLIENT_SECRET: "shh",
  AUTH0_SECRET: "a".repeat(64),
  APP_BASE_URL: "https://app.example.com",
};

function problemsOf(source: Record<string, string | undefined>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    assert.ok(error instanceof EnvError);
    return error.problems;
  }
  assert.fail("expected an EnvError");
}

describe("parseEnv", () => {
  test("with nothing set, uses the local authorization server and its client", () => {
    const env = parseEnv({});
    assert.equal(env.mode, "local");
    assert.equal(env.domain, "http://localhost:4000");
    assert.equal(env.issuerUrl, "http://localhost:4000/");
    assert.equal(env.clientId, localClient.clientId);
    assert.equal(env.appBaseUrl, "http://localhost:3000");
  });

  test("follows LOCAL_ISSUER_PORT and treats an http://localhost domain as local", () => {
    assert.equal(parseEnv({ LOCAL_ISSUER_PORT: "4123" }).domain, "http://localhost:4123");
    const env = parseEnv({ AUTH0_DOMAIN: "http://localhost:4401", AUTH0_CLIENT_ID: "x" });
    assert.equal(env.mode, "local");
    assert.equal(env.domain, "http://localhost:4401");
    assert.equal(env.clientId, "x");
  });

  test("accepts a complete tenant configuration", () => {
    assert.deepEqual(parseEnv(tenant), {
      mode: "auth0",
      domain: tenant.AUTH0_DOMAIN,
      issuerUrl: "https://my-tenant.us.auth0.com/",
      clientId: tenant.AUTH0_CLIENT_ID,
      clientSecret: tenant.AUTH0_CLIENT_SECRET,
      secret: tenant.AUTH0_SECRET,
      appBaseUrl: tenant.APP_BASE_URL,
    });
  });

  test("names every missing tenant variable with its fix", () => {
    const problems = problemsOf({ AUTH0_DOMAIN: "my-tenant.us.auth0.com" });
    assert.equal(problems.length, 3);
    assert.match(problems[0] ?? "", /AUTH0_CLIENT_ID is missing/);
    assert.match(problems[1] ?? "", /AUTH0_CLIENT_SECRET is missing/);
    assert.match(problems[2] ?? "", /AUTH0_SECRET .*openssl rand -hex 32/);
  });

  test("refuses a domain written as a URL, a short secret and a malformed base URL", () => {
    const problems = problemsOf({
      ...tenant,
      AUTH0_DOMAIN: "https://my-tenant.us.auth0.com/",
      AUTH0_SECRET: "too-short",
      APP_BASE_URL: "localhost:3000",
    });
    assert.equal(problems.length, 3);
    assert.ok(problems.some((p) => p.startsWith("APP_BASE_URL")));
    assert.ok(problems.some((p) => p.includes("no https://")));
    assert.ok(problems.some((p) => p.startsWith("AUTH0_SECRET")));
  });

  test("refuses a bad LOCAL_ISSUER_PORT", () => {
    assert.match(problemsOf({ LOCAL_ISSUER_PORT: "abc" })[0] ?? "", /LOCAL_ISSUER_PORT/);
    assert.match(problemsOf({ LOCAL_ISSUER_PORT: "70000" })[0] ?? "", /LOCAL_ISSUER_PORT/);
  });

  test("refuses the local server in production on a public origin", () => {
    const problems = problemsOf({ NODE_ENV: "production", APP_BASE_URL: "https://app.example" });
    assert.match(problems[0] ?? "", /AUTH0_DOMAIN is not set/);
    assert.equal(parseEnv({ NODE_ENV: "production" }).mode, "local");
  });

  test("EnvError's message lists each problem on its own line", () => {
    const error = new EnvError(["A is wrong", "B is wrong"]);
    assert.match(error.message, /\n {2}- A is wrong\n {2}- B is wrong\n/);
  });
});
