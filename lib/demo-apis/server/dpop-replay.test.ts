import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ReplayStore } from "./dpop-replay";

describe("the DPoP replay store", () => {
  test("a proof is accepted once while it could be accepted, and again only after it expired", () => {
    const seen = new ReplayStore({ capacity: 10, perOwner: 10 });
    assert.equal(seen.firstUse("jkt:jti-1", "jkt", 160, 100), "first");
    assert.equal(seen.firstUse("jkt:jti-1", "jkt", 160, 150), "replay");
    assert.equal(seen.firstUse("jkt:jti-1", "jkt", 260, 200), "first", "expired, so forgotten");
  });

  test("a full memory refuses new proofs and never forgets a live one: a flood cannot reopen a replay", () => {
    const seen = new ReplayStore({ capacity: 3, perOwner: 3 });
    assert.equal(seen.firstUse("victim:p", "victim", 200, 100), "first");
    for (const jti of ["a", "b"]) seen.firstUse(`thief:${jti}`, "thief", 200, 100);
    assert.equal(seen.firstUse("thief:c", "thief", 200, 101), "busy");
    assert.equal(seen.size, 3);
    assert.equal(seen.firstUse("victim:p", "victim", 200, 150), "replay", "still remembered");
    assert.equal(seen.secondsUntilRoom(150), 50);
    assert.equal(seen.firstUse("thief:c", "thief", 300, 201), "first", "room once they expired");
  });

  test("one key cannot take the room of every other", () => {
    const seen = new ReplayStore({ capacity: 10, perOwner: 2 });
    seen.firstUse("thief:a", "thief", 200, 100);
    seen.firstUse("thief:b", "thief", 200, 100);
    assert.equal(seen.firstUse("thief:c", "thief", 200, 100), "busy");
    assert.equal(seen.firstUse("other:a", "other", 200, 100), "first");
  });
});
