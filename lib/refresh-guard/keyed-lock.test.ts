import assert from "node:assert/strict";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { KeyedLock } from "./keyed-lock";

/** A task that holds the lock until `finish()` is called. */
function held() {
  let finish = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));
  return { task: async () => finished, finish };
}

test("a waiter gives up after its waitMs with LockWaitTimeoutError while the holder goes on", async () => {
  const locks = new KeyedLock();
  const holder = held();
  const holding = locks.run("a", holder.task);
  const started = Date.now();
  let ran = false;
  await assert.rejects(
    locks.run("a", async () => (ran = true), { waitMs: 200 }),
    { name: "LockWaitTimeoutError" },
  );
  const waited = Date.now() - started;
  assert.ok(waited >= 190 && waited < 600, `waited ${waited} ms`);
  assert.equal(ran, false, "the task of a waiter that gave up never runs");
  holder.finish();
  await holding;
});

test("a waiter that gave up does not let the next one past the holder", async () => {
  const locks = new KeyedLock();
  const holder = held();
  const events: string[] = [];
  const holding = locks.run("a", async () => {
    await holder.task();
    events.push("holder done");
  });
  const gaveUp = locks.run("a", async () => events.push("never"), { waitMs: 50 });
  const next = locks.run("a", async () => events.push("next ran"));
  await assert.rejects(gaveUp, { name: "LockWaitTimeoutError" });
  // A newcomer after the timeout still queues behind the holder.
  const newcomer = locks.run("a", async () => events.push("newcomer ran"));
  await sleep(100);
  assert.deepEqual(events, [], "nobody ran while the holder held the key");
  holder.finish();
  await Promise.all([holding, next, newcomer]);
  assert.deepEqual(events, ["holder done", "next ran", "newcomer ran"]);
  await sleep(0);
  assert.equal(locks.size, 0, "the key is forgotten once its queue is empty");
});
