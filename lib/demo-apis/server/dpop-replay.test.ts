import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ReplayStore } from "./dpop-replay";

describe("the DPoP replay store", () => {
  test("a proof is accepted once while it could be accepted, and again only after it expired", () => {
    const seen = new ReplayStore(10);
    assert.equal(seen.firstUse("jkt:jti-1", 160, 100), true);
    assert.equal(seen.firstUse("jkt:jti-1", 160, 150), false);
    assert.equal(seen.firstUse("jkt:jti-1", 260, 200), true, "expired, so forgotten");
  });

  test("it stays within its capacity, forgetting expired entries first, then the oldest", () => {
    const seen = new ReplayStore(3);
    for (const jti of ["a", "b", "c"]) seen.firstUse(jti, 200, 100);
    seen.firstUse("d", 200, 100);
    assert.equal(seen.size, 3);
    assert.equal(seen.firstUse("d", 200, 101), false);
    assert.equal(seen.firstUse("a", 200, 101), true, "the oldest was forgotten");
  });
});
