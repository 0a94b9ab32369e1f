import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ordersFor } from "./orders";

describe("ordersFor", () => {
  test("is the same for one user and differs between users", () => {
    assert.deepEqual(ordersFor("auth0|1"), ordersFor("auth0|1"));
    assert.notDeepEqual(ordersFor("auth0|1"), ordersFor("auth0|2"));
  });

  test("gives two to four consistent orders, newest first", () => {
    for (const sub of ["a", "b", "c", "auth0|64f0c", "google-oauth2|1234567890"]) {
      const orders = ordersFor(sub);
      assert.ok(orders.length >= 2 && orders.length <= 4);
      assert.equal(new Set(orders.map((order) => order.id)).size, orders.length);
      const times = orders.map((order) => Date.parse(order.placedAt));
      assert.deepEqual(
        times,
        [...times].sort((x, y) => y - x),
      );
      for (const order of orders) assert.ok(order.total > 0 && Number.isInteger(order.quantity));
    }
  });
});
