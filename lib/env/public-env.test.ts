import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { paths } from "@/config/paths";
import { problemsOf as problemsOfParse } from "@/test-support/env-fixtures";
import { parsePublicEnv } from "./public-env";

const problemsOf = (source: Parameters<typeof parsePublicEnv>[0]) =>
  problemsOfParse(parsePublicEnv, source);

describe("parsePublicEnv", () => {
  test("with nothing set, the SDK's token route and this app's own APIs", () => {
    assert.deepEqual(parsePublicEnv({}), {
      accessTokenRoute: "/auth/access-token",
      profileApiUrl: "/api/profile",
      ordersApiUrl: "/api/orders",
    });
  });

  test("blank means unset", () => {
    assert.equal(
      parsePublicEnv({ NEXT_PUBLIC_ACCESS_TOKEN_ROUTE: "  " }).accessTokenRoute,
      paths.defaultTokenRoute,
    );
  });

  test("takes a custom token route and APIs on this or another origin", () => {
    assert.deepEqual(
      parsePublicEnv({
        NEXT_PUBLIC_ACCESS_TOKEN_ROUTE: paths.customTokenRoute,
        NEXT_PUBLIC_PROFILE_API_URL: "https://api.example.com/profile",
        NEXT_PUBLIC_ORDERS_API_URL: "http://localhost:8080",
      }),
      {
        accessTokenRoute: "/api/custom-token",
        profileApiUrl: "https://api.example.com/profile",
        ordersApiUrl: "http://localhost:8080",
      },
    );
  });

  test("a token route that is not a path names the variable, the fix and the rebuild", () => {
    for (const route of ["api/custom-token", "/", "/api/token/", "//evil.example", "/a?b=1"]) {
      const [problem, ...others] = problemsOf({ NEXT_PUBLIC_ACCESS_TOKEN_ROUTE: route });
      assert.deepEqual(others, [], route);
      assert.match(
        problem ?? "",
        /^NEXT_PUBLIC_ACCESS_TOKEN_ROUTE must be a path starting with \//,
      );
      assert.match(problem ?? "", /for example \/auth\/access-token/);
      assert.match(problem ?? "", /rebuild/);
    }
  });

  test("an API URL must be a path or an http(s) URL without a trailing slash", () => {
    const problems = problemsOf({
      NEXT_PUBLIC_PROFILE_API_URL: "api.example.com/profile",
      NEXT_PUBLIC_ORDERS_API_URL: "https://api.example.com/orders/",
    });
    assert.equal(problems.length, 2);
    assert.match(problems[0] ?? "", /^NEXT_PUBLIC_PROFILE_API_URL must be a path starting with \//);
    assert.match(problems[0] ?? "", /or an http\(s\) URL/);
    assert.match(problems[1] ?? "", /^NEXT_PUBLIC_ORDERS_API_URL .*without a trailing \//);
    assert.match(problemsOf({ NEXT_PUBLIC_ORDERS_API_URL: "ftp://x" })[0] ?? "", /ORDERS_API_URL/);
  });

  test("EnvError's message points to the configuration docs", () => {
    assert.throws(
      () => parsePublicEnv({ NEXT_PUBLIC_ACCESS_TOKEN_ROUTE: "token" }),
      /Invalid environment configuration:\n {2}- NEXT_PUBLIC_ACCESS_TOKEN_ROUTE .*\nSee \.env\.example/,
    );
  });
});
