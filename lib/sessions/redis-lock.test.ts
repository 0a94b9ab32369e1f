import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, test } from "node:test";
import { createClient } from "redis";
import { startTestRedis, type TestRedis } from "@/test-support/redis-server";
import type { RedisClient } from "./redis-client";
import { LockWaitTimeoutError } from "./lock-wait-timeout-error";
import { RedisLock } from "./redis-lock";

let redis: TestRedis;
// Two clients, as two instances of the app would have.
const clients: RedisClient[] = [];
before(async () => {
  redis = await startTestRedis();
  for (let i = 0; i < 2; i += 1) {
    const client: RedisClient = createClient({ url: redis.url });
    await client.connect();
    clients.push(client);
  }
});
after(async () => {
  for (const client of clients) client.destroy();
  await redis.dispose();
});

const lock = (instance: number, options: { ttlMs?: number; waitMs?: number } = {}) =>
  new RedisLock({ client: async () => clients[instance]!, pollMs: 5, ...options });

/** Runs tasks that record when they start and end, to see whether two ever overlapped. */
function recorder() {
  const events: string[] = [];
  const task = (name: string, ms: number) => async () => {
    events.push(`start ${name}`);
    await sleep(ms);
    events.push(`end ${name}`);
    return name;
  };
  return { events, task };
}

test("tasks of one key on two instances run one after the other", async () => {
  const { events, task } = recorder();
  const results = await Promise.all([
    lock(0).run("session-1", task("a", 50)),
    lock(1).run("session-1", task("b", 50)),
    lock(0).run("session-1", task("c", 50)),
  ]);
  assert.deepEqual(results.sort(), ["a", "b", "c"]);
  for (let i = 0; i < events.length; i += 2) {
    assert.match(events[i]!, /^start/);
    assert.equal(events[i + 1], events[i]!.replace("start", "end"), events.join(", "));
  }
});

test("tasks of different keys do not wait for each other", async () => {
  const { events, task } = recorder();
  await Promise.all([
    lock(0).run("session-2", task("a", 80)),
    lock(1).run("session-3", task("b", 80)),
  ]);
  assert.deepEqual(events.slice(0, 2).sort(), ["start a", "start b"]);
});

test("a task that throws releases the lock", async () => {
  await assert.rejects(
    lock(0).run("session-4", async () => {
      throw new Error("refresh failed");
    }),
    /refresh failed/,
  );
  assert.equal(await lock(1, { waitMs: 100 }).run("session-4", async () => "next"), "next");
});

test("a waiter gives up after waitMs with LockWaitTimeoutError, never hangs", async () => {
  const holder = lock(0).run("session-5", () => sleep(600));
  await sleep(20);
  const started = Date.now();
  await assert.rejects(
    lock(1, { waitMs: 200 }).run("session-5", async () => "never"),
    LockWaitTimeoutError,
  );
  const waited = Date.now() - started;
  assert.ok(waited >= 200 && waited < 550, `waited ${waited} ms`);
  await holder;
});

test("a holder that outlived its TTL does not release the next holder's lock", async () => {
  const { events, task } = recorder();
  // The first holder keeps going past its 100 ms TTL (a stalled instance).
  const slow = lock(0, { ttlMs: 100 }).run("session-6", task("slow", 300));
  await sleep(150);
  const second = lock(1).run("session-6", task("second", 300));
  await slow;
  // The slow holder's release came while "second" held the lock: a third must still wait.
  const third = lock(0).run("session-6", task("third", 10));
  await Promise.all([second, third]);
  assert.deepEqual(events.slice(-4), ["end slow", "end second", "start third", "end third"]);
});
