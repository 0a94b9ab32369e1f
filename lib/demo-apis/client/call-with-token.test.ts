import assert from "node:assert/strict";
import { afterEach, mock, test } from "node:test";
import { AccessTokenError } from "@auth0/nextjs-auth0/errors";
import { ApiCallError, callWithToken } from "./call-with-token";

type Answer = { status: number; body: unknown };

/** Replaces fetch with a queue of answers and records the Authorization header of each call. */
function fakeApi(answers: Answer[]) {
  const seen: (string | null)[] = [];
  mock.method(globalThis, "fetch", async (_url: string, init: RequestInit) => {
    seen.push(new Headers(init.headers).get("Authorization"));
    const answer = answers.shift() ?? { status: 500, body: {} };
    return Response.json(answer.body, { status: answer.status });
  });
  return seen;
}

function tokens(...values: string[]) {
  let forgotten = 0;
  return {
    getToken: async () => values.shift() ?? "no-more-tokens",
    forgetToken: () => {
      forgotten += 1;
    },
    forgotten: () => forgotten,
  };
}

afterEach(() => mock.restoreAll());

test("calls the API with the token as a bearer", async () => {
  const seen = fakeApi([{ status: 200, body: { name: "Demo User" } }]);
  const source = tokens("t1");
  const { data, token } = await callWithToken<{ name: string }>("/api/profile/me", source);
  assert.deepEqual(data, { name: "Demo User" });
  assert.equal(token, "t1");
  assert.deepEqual(seen, ["Bearer t1"]);
  assert.equal(source.forgotten(), 0);
});

test("a 401 invalid_token forgets the token and retries once with a new one", async () => {
  const seen = fakeApi([
    { status: 401, body: { error: "invalid_token", error_description: "expired" } },
    { status: 200, body: { ok: true } },
  ]);
  const source = tokens("old", "new");
  const { token } = await callWithToken("/api/orders", source);
  assert.equal(token, "new");
  assert.deepEqual(seen, ["Bearer old", "Bearer new"]);
  assert.equal(source.forgotten(), 1);
});

test("a second refusal is the caller's problem: no retry loop", async () => {
  const refusal = {
    status: 401,
    body: { error: "invalid_token", error_description: "wrong audience" },
  };
  const seen = fakeApi([refusal, refusal, refusal]);
  await assert.rejects(callWithToken("/api/orders", tokens("a", "b", "c")), (error) => {
    assert.ok(error instanceof ApiCallError);
    assert.equal(error.problem.kind, "api");
    return true;
  });
  assert.equal(seen.length, 2);
});

test("403 insufficient_scope is not retried", async () => {
  const seen = fakeApi([
    { status: 403, body: { error: "insufficient_scope", scope: "write:profile" } },
  ]);
  await assert.rejects(callWithToken("/api/profile/me", tokens("t")), (error) => {
    assert.ok(error instanceof ApiCallError && error.problem.kind === "api");
    assert.equal(error.problem.failure.scope, "write:profile");
    return true;
  });
  assert.equal(seen.length, 1);
});

test("a token error is explained, and the API is never called", async () => {
  const seen = fakeApi([]);
  const source = {
    getToken: async () => {
      throw new AccessTokenError("missing_session", "no session");
    },
    forgetToken: () => undefined,
  };
  await assert.rejects(callWithToken("/api/profile/me", source), (error) => {
    assert.ok(error instanceof ApiCallError && error.problem.kind === "token");
    assert.equal(error.problem.explained.code, "missing_session");
    return true;
  });
  assert.equal(seen.length, 0);
});

test("an API that does not answer is a failure with status 0, not a crash, and is not retried", async () => {
  let calls = 0;
  mock.method(globalThis, "fetch", async () => {
    calls += 1;
    throw new TypeError("Failed to fetch");
  });
  await assert.rejects(callWithToken("/api/orders", tokens("t")), (error) => {
    assert.ok(error instanceof ApiCallError && error.problem.kind === "api");
    assert.equal(error.problem.failure.status, 0);
    assert.equal(error.problem.failure.error, "api_unreachable");
    return true;
  });
  assert.equal(calls, 1);
});

test("an error code the contract does not know is shown as it is; a broken member is dropped", async () => {
  fakeApi([{ status: 429, body: { error: "rate_limited", error_description: 42 } }]);
  await assert.rejects(callWithToken("/api/orders", tokens("t")), (error) => {
    assert.ok(error instanceof ApiCallError && error.problem.kind === "api");
    assert.equal(error.problem.failure.error, "rate_limited");
    assert.equal(error.problem.failure.description, "HTTP 429");
    return true;
  });
});
