import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { localClient } from "@/config/local-client";
import { sessionDurations } from "@/config/session";
import {
  dpopKeyVariables,
  problemsOf as problemsOfParse,
  tenantWithoutDpopKey,
} from "@/test-support/env-fixtures";
import { EnvError, parseEnv } from "./server-env";

const keys = dpopKeyVariables();
const tenant = { ...tenantWithoutDpopKey, ...keys };
/** The DPoP key pair as parsed (`dpop-key-env.test.ts` tests its checks). */
const dpopKey = {
  publicKey: keys.AUTH0_DPOP_PUBLIC_KEY.trim(),
  privateKey: keys.AUTH0_DPOP_PRIVATE_KEY.trim(),
};

/** What `npm run dev` runs with: the one NODE_ENV, with test, that is not production. */
const dev = { NODE_ENV: "development" };

const problemsOf = (source: Record<string, string | undefined>) =>
  problemsOfParse(parseEnv, source);

describe("parseEnv", () => {
  test("with nothing set, uses the local authorization server and its client", () => {
    const env = parseEnv(dev);
    assert.equal(env.mode, "local");
    assert.equal(env.domain, "http://localhost:4000");
    assert.equal(env.issuerUrl, "http://localhost:4000/");
    assert.equal(env.clientId, localClient.clientId);
    assert.equal(env.appBaseUrl, "http://localhost:3000");
  });

  test("follows LOCAL_ISSUER_PORT and treats an http://localhost domain as local", () => {
    assert.equal(parseEnv({ ...dev, LOCAL_ISSUER_PORT: "4123" }).domain, "http://localhost:4123");
    const env = parseEnv({ ...dev, AUTH0_DOMAIN: "http://localhost:4401", AUTH0_CLIENT_ID: "x" });
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
      refreshGuard: true,
      redisUrl: undefined,
      session: sessionDurations,
      dpopKey,
    });
  });

  test("shortens the inactivity period only to a whole number of seconds within the session's life", () => {
    const inactivity = (value: string) =>
      parseEnv({ ...tenant, SESSION_INACTIVITY_SECONDS: value }).session;
    assert.deepEqual(inactivity("10"), { ...sessionDurations, inactivityDuration: 10 });
    assert.deepEqual(inactivity(" "), sessionDurations);
    for (const bad of ["ten", "2.5", "4", String(sessionDurations.absoluteDuration + 1)]) {
      assert.match(
        problemsOf({ ...tenant, SESSION_INACTIVITY_SECONDS: bad })[0] ?? "",
        /SESSION_INACTIVITY_SECONDS must be/,
        bad,
      );
    }
  });

  test("keeps sessions in the cookie unless REDIS_URL names a Redis, and names a bad one", () => {
    assert.equal(parseEnv(dev).redisUrl, undefined);
    assert.equal(parseEnv({ ...dev, REDIS_URL: " " }).redisUrl, undefined);
    assert.equal(
      parseEnv({ ...tenant, REDIS_URL: "rediss://:pw@redis.example.com:6380/0" }).redisUrl,
      "rediss://:pw@redis.example.com:6380/0",
    );
    assert.match(problemsOf({ REDIS_URL: "localhost:6379" })[0] ?? "", /REDIS_URL must be/);
  });

  test("turns the refresh guard off only when asked, and names a typo", () => {
    assert.equal(parseEnv({ ...tenant, REFRESH_GUARD: "off" }).refreshGuard, false);
    assert.equal(parseEnv({ ...tenant, REFRESH_GUARD: "on" }).refreshGuard, true);
    assert.match(problemsOf({ ...tenant, REFRESH_GUARD: "false" })[0] ?? "", /REFRESH_GUARD/);
  });

  test("names every missing tenant variable with its fix", () => {
    const problems = problemsOf({ ...dev, AUTH0_DOMAIN: "my-tenant.us.auth0.com" });
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

  test("refuses the local server in production on a public origin, even when allowed", () => {
    const problems = problemsOf({
      NODE_ENV: "production",
      ALLOW_LOCAL_ISSUER_IN_PRODUCTION: "true",
      APP_BASE_URL: "https://app.example",
    });
    assert.match(problems[0] ?? "", /AUTH0_DOMAIN does not name an Auth0 tenant/);
  });

  test("production is any NODE_ENV but development and test: staging runs no local secrets", () => {
    for (const NODE_ENV of [
      "staging",
      "Staging",
      "prod",
      "dev",
      "Development",
      "TEST",
      " test",
      "development ",
      undefined,
    ]) {
      const problems = problemsOf({ NODE_ENV, APP_BASE_URL: "http://localhost:3000" });
      assert.match(problems[0] ?? "", /counts as production .* ALLOW_LOCAL_ISSUER_IN_PRODUCTION/);
      const http = { ...tenant, NODE_ENV, APP_BASE_URL: "http://app.example.com" };
      assert.match(problemsOf(http)[0] ?? "", /APP_BASE_URL .* serve the app over https/);
    }
    for (const NODE_ENV of ["development", "test"]) {
      assert.equal(parseEnv({ NODE_ENV }).mode, "local");
      assert.equal(
        parseEnv({ ...tenant, NODE_ENV, APP_BASE_URL: "http://a.example" }).mode,
        "auth0",
      );
    }
    // `next build` prerenders without the runtime's variables, whatever NODE_ENV says.
    assert.equal(
      parseEnv({ NODE_ENV: "staging", NEXT_PHASE: "phase-production-build" }).mode,
      "local",
    );
  });

  test("production fails closed: no local mode at all unless allowed, whatever NODE_ENV's case", () => {
    for (const NODE_ENV of ["production", "Production", "PRODUCTION"]) {
      for (const APP_BASE_URL of [undefined, "http://localhost:3000"]) {
        const problems = problemsOf({ NODE_ENV, APP_BASE_URL });
        assert.match(
          problems[0] ?? "",
          /NODE_ENV is production, .* ALLOW_LOCAL_ISSUER_IN_PRODUCTION/,
        );
      }
    }
    // `next build` prerenders with NODE_ENV=production and no runtime variables.
    assert.equal(
      parseEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" }).mode,
      "local",
    );
    const allowed = { NODE_ENV: "production", ALLOW_LOCAL_ISSUER_IN_PRODUCTION: "true" };
    assert.equal(parseEnv(allowed).mode, "local");
    assert.match(
      problemsOf({ ...allowed, ALLOW_LOCAL_ISSUER_IN_PRODUCTION: "yes" })[0] ?? "",
      /ALLOW_LOCAL_ISSUER_IN_PRODUCTION must be "true" or "false"/,
    );
  });

  test("a tenant refuses the committed local client, and an http app URL in production", () => {
    assert.match(
      problemsOf({ ...tenant, AUTH0_CLIENT_SECRET: localClient.clientSecret })[0] ?? "",
      /local demo client's/,
    );
    assert.match(
      problemsOf({ ...tenant, AUTH0_CLIENT_ID: localClient.clientId })[0] ?? "",
      /local demo client's/,
    );
    const http = { ...tenant, ...dev, APP_BASE_URL: "http://app.example.com" };
    assert.equal(parseEnv(http).mode, "auth0");
    assert.match(
      problemsOf({ ...http, NODE_ENV: "production" })[0] ?? "",
      /APP_BASE_URL .* serve the app over https/,
    );
    assert.equal(parseEnv({ ...tenant, NODE_ENV: "production" }).mode, "auth0");
  });

  test("EnvError's message lists each problem on its own line", () => {
    const error = new EnvError(["A is wrong", "B is wrong"]);
    assert.match(error.message, /\n {2}- A is wrong\n {2}- B is wrong\n/);
  });
});
