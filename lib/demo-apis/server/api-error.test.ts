import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { bearerChallenge } from "./api-error";

describe("bearerChallenge", () => {
  test("is only the realm when there is no error (RFC 6750 §3.1)", () => {
    assert.equal(bearerChallenge("Profile API"), 'Bearer realm="Profile API"');
  });

  test("writes error, description and scope in that order", () => {
    assert.equal(
      bearerChallenge("Orders API", {
        scope: "read:orders",
        error: "insufficient_scope",
        error_description: "Needs read:orders",
      }),
      'Bearer realm="Orders API", error="insufficient_scope", ' +
        'error_description="Needs read:orders", scope="read:orders"',
    );
  });

  test('keeps values inside their quotes: no `"`, `\\` or non-ASCII', () => {
    assert.equal(
      bearerChallenge("R", { error_description: 'aud ["x"] \\ café' }),
      'Bearer realm="R", error_description="aud [\'x\'] ? caf?"',
    );
  });
});
