import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { median, percentile, roundOrder } from "./sample-stats";

describe("percentile", () => {
  it("takes the nearest rank", () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1, unsorted
    assert.equal(percentile(samples, 50), 50);
    assert.equal(percentile(samples, 99), 99);
    assert.equal(percentile([7], 99), 7);
    assert.equal(percentile([], 50), 0);
  });
});

describe("roundOrder", () => {
  it("alternates forwards and backwards", () => {
    assert.deepEqual(roundOrder(["a", "b"], 3), [
      ["a", "b"],
      ["b", "a"],
      ["a", "b"],
    ]);
  });
});

describe("median", () => {
  it("takes the middle value, or the mean of the two middle ones", () => {
    assert.equal(median([0.93, 0.71, 0.95]), 0.93);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([7]), 7);
    assert.equal(median([]), 0);
  });
});
