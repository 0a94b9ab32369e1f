import assert from "node:assert/strict";
import { test } from "node:test";
import {
  signInErrorCode,
  signInErrorFor,
  signInErrorPath,
  signInErrorReason,
  suggestsTenantCheck,
} from "./sign-in-errors";

test("a failed callback is named by codes only, never by the message", () => {
  assert.deepEqual(signInErrorFor({ code: "missing_state" }), { reason: "invalid_state" });
  assert.deepEqual(signInErrorFor({ code: "invalid_state" }), { reason: "invalid_state" });
  assert.deepEqual(signInErrorFor({ code: "discovery_error" }), {
    reason: "authorization_server_unreachable",
  });
  assert.deepEqual(
    signInErrorFor({ code: "authorization_error", cause: { code: "access_denied" } }),
    { reason: "authorization_error", code: "access_denied" },
  );
  assert.deepEqual(
    signInErrorFor({ code: "authorization_error", cause: { code: "<script>alert(1)</script>" } }),
    { reason: "authorization_error", code: undefined },
  );
  assert.deepEqual(signInErrorFor({ code: "authorization_code_grant_error" }), {
    reason: "callback_failed",
    code: "authorization_code_grant_error",
  });
});

test("the page shows only its own reasons and code-shaped codes from the address bar", () => {
  assert.equal(signInErrorReason("invalid_state"), "invalid_state");
  assert.equal(signInErrorReason("toString"), "callback_failed");
  assert.equal(signInErrorReason(["invalid_state"]), "callback_failed");
  assert.equal(signInErrorCode("access_denied"), "access_denied");
  assert.equal(signInErrorCode("Call +1 555 0100 to restore your account"), undefined);
  assert.equal(signInErrorCode("x".repeat(65)), undefined);
  assert.equal(
    signInErrorPath("authorization_error", "access_denied"),
    "/sign-in-error?reason=authorization_error&code=access_denied",
  );
});

test("configuration-like failures point to npm run auth0:check, a forged state does not", () => {
  assert.equal(suggestsTenantCheck("authorization_server_unreachable"), true);
  assert.equal(suggestsTenantCheck("callback_failed", "invalid_client"), true);
  assert.equal(suggestsTenantCheck("authorization_error", "unauthorized_client"), true);
  assert.equal(suggestsTenantCheck("authorization_error", "access_denied"), true);
  assert.equal(suggestsTenantCheck("authorization_error", "login_required"), false);
  assert.equal(suggestsTenantCheck("authorization_error"), false);
  assert.equal(suggestsTenantCheck("invalid_state"), false);
});
