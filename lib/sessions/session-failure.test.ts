import assert from "node:assert/strict";
import { test } from "node:test";
import { SessionStoreUnavailableError } from "./redis-client";
import { LockWaitTimeoutError } from "./lock-wait-timeout-error";
import { sessionFailureResponse } from "./session-failure";

test("Redis down: the token route gets the SDK's error shape, a 503 and when to retry", async () => {
  const response = sessionFailureResponse(new SessionStoreUnavailableError("ECONNREFUSED"), {
    json: true,
  });
  assert.equal(response?.status, 503);
  assert.equal(response?.headers.get("Retry-After"), "5");
  assert.equal(response?.headers.get("Cache-Control"), "no-store");
  const body = (await response?.json()) as { error: { code: string; message: string } };
  assert.equal(body.error.code, "session_store_unavailable");
  assert.match(body.error.message, /REDIS_URL/);
});

test("a lock held too long: a page gets an HTML 503 that says what to do", async () => {
  const response = sessionFailureResponse(new LockWaitTimeoutError(10_000), { json: false });
  assert.equal(response?.status, 503);
  assert.equal(response?.headers.get("Retry-After"), "1");
  assert.match(response?.headers.get("Content-Type") ?? "", /^text\/html/);
  const html = (await response?.text()) ?? "";
  assert.match(html, /<h1>Your session is busy<\/h1>/);
  assert.match(html, /session_busy/);
});

test("anything else is not a session failure: the app's own bug stays visible", () => {
  assert.equal(sessionFailureResponse(new Error("boom"), { json: true }), null);
  assert.equal(sessionFailureResponse("boom", { json: false }), null);
});
