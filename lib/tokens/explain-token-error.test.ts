import assert from "node:assert/strict";
import { test } from "node:test";
import { AccessTokenError, MfaRequiredError } from "@auth0/nextjs-auth0/errors";
import { explainTokenError } from "./explain-token-error";
import {
  TOKEN_LOCK_TIMEOUT_MS,
  TOKEN_REQUEST_TIMEOUT_MS,
  TokenLockTimeoutError,
  TokenRequestTimeoutError,
} from "./token-deadlines";
import { tokenErrorCatalogue } from "./token-error-catalogue";

test("each AccessTokenError code gets its own cause and fix", () => {
  const codes = [
    "missing_session",
    "missing_refresh_token",
    "failed_to_refresh_token",
    "session_expired",
  ];
  const causes = new Set<string>();
  for (const code of codes) {
    const explained = explainTokenError(new AccessTokenError(code, `message for ${code}`));
    assert.equal(explained.code, code);
    assert.equal(explained.errorClass, "AccessTokenError");
    assert.equal(explained.message, `message for ${code}`);
    assert.ok(explained.fix.length > 0);
    causes.add(explained.cause);
  }
  assert.equal(causes.size, codes.length);
});

test("missing_refresh_token points at offline_access", () => {
  assert.match(
    explainTokenError(new AccessTokenError("missing_refresh_token", "x")).fix,
    /offline_access/,
  );
});

test("the SDK's plain Error for a non-JSON answer is a route problem", () => {
  const error = new Error("An unexpected error occurred while trying to fetch the access token.");
  const explained = explainTokenError(error);
  assert.equal(explained.code, "route_not_found");
  assert.equal(explained.errorClass, "Error");
  assert.match(explained.cause, /build time/);
});

test("a network failure, an MFA challenge and an unknown code are told apart", () => {
  assert.equal(explainTokenError(new TypeError("Failed to fetch")).code, "network_error");
  assert.equal(explainTokenError(new MfaRequiredError("mfa", "tok")).code, "mfa_required");
  assert.equal(explainTokenError(new AccessTokenError("brand_new", "?")).code, "unknown");
  assert.equal(explainTokenError(new AccessTokenError("toString", "?")).code, "unknown");
  assert.equal(explainTokenError("a string").code, "unknown");
});

test("the reference catalogue says what is the SDK's and what is this app's own label", () => {
  assert.equal(tokenErrorCatalogue.missing_session.raisedAs, "AccessTokenError");
  assert.match(tokenErrorCatalogue.mfa_required.raisedAs, /^MfaRequiredError/);
  for (const label of ["route_not_found", "network_error"] as const) {
    assert.match(tokenErrorCatalogue[label].raisedAs, /this app's label, not an SDK code/);
  }
});

test("the token manager's deadlines are AccessTokenErrors, each with its own cause and fix", () => {
  const request = explainTokenError(new TokenRequestTimeoutError(TOKEN_REQUEST_TIMEOUT_MS));
  assert.equal(request.code, "token_request_timeout");
  assert.equal(request.errorClass, "AccessTokenError");
  assert.match(request.message, /did not answer within 15000 ms/);
  assert.match(request.cause, /within 15 s/);
  const behind = new TokenRequestTimeoutError(TOKEN_REQUEST_TIMEOUT_MS, { behind: true });
  assert.equal(explainTokenError(behind).code, "token_request_timeout");
  assert.match(behind.message, /queued behind it/);
  const lock = explainTokenError(new TokenLockTimeoutError(TOKEN_LOCK_TIMEOUT_MS));
  assert.equal(lock.code, "token_lock_timeout");
  assert.match(lock.cause, /for 20 s/);
  assert.notEqual(lock.fix, request.fix);
  for (const code of ["token_request_timeout", "token_lock_timeout"] as const) {
    assert.match(tokenErrorCatalogue[code].raisedAs, /this app's token manager, not the SDK's/);
  }
});
