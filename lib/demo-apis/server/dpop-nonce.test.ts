import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { checkNonce, currentNonce } from "./dpop-nonce";

const key = Buffer.alloc(32, 7);
const now = 1_800_000_000;

describe("DPoP nonces (stateless, HMAC of a one-minute window)", () => {
  test("a nonce is fresh in its window and the next two, stale after", () => {
    const nonce = currentNonce(key, now);
    assert.equal(checkNonce(key, nonce, now), "fresh");
    assert.equal(checkNonce(key, nonce, now + 120), "fresh");
    assert.equal(checkNonce(key, nonce, now + 240), "stale");
  });

  test("another instance with the same key agrees; a nonce from the future is not fresh", () => {
    assert.equal(checkNonce(Buffer.alloc(32, 7), currentNonce(key, now), now), "fresh");
    assert.equal(checkNonce(key, currentNonce(key, now + 600), now), "stale");
  });

  test("a nonce made with another key, altered or of any other shape is forged", () => {
    const nonce = currentNonce(key, now);
    const window = nonce.split(".")[0] ?? "";
    for (const forged of [
      currentNonce(Buffer.alloc(32, 8), now),
      `${window}.${"A".repeat(22)}`,
      `${(Number.parseInt(window, 36) + 1).toString(36)}.${nonce.split(".")[1] ?? ""}`,
      "",
      "x".repeat(5000),
    ]) {
      assert.equal(checkNonce(key, forged, now), "forged", forged.slice(0, 40));
    }
  });
});
