import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { readBearerToken } from "./bearer-route";

const read = (authorization?: string) =>
  readBearerToken(new Headers(authorization === undefined ? {} : { authorization }));

describe("readBearerToken", () => {
  test("takes the token from `Bearer <token>`, whatever the scheme's case", () => {
    assert.deepEqual(read("Bearer abc.def.ghi"), { ok: true, token: "abc.def.ghi" });
    assert.deepEqual(read("bearer abc.def.ghi"), { ok: true, token: "abc.def.ghi" });
  });

  test("treats no header and other schemes as no credentials (no error code)", () => {
    for (const header of [undefined, "", "Basic dXNlcjpwYXNz", "Token abc"]) {
      assert.deepEqual(read(header), { ok: false, error: { code: "missing_token" } });
    }
  });

  test("treats a malformed Bearer header as invalid_request", () => {
    for (const header of ["Bearer", "Bearer a b", 'Bearer "abc"', "Bearer a, Bearer b"]) {
      const result = read(header);
      assert.equal(result.ok ? "ok" : result.error.code, "invalid_request", header);
    }
  });
});
