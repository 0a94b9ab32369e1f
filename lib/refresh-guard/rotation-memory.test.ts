import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { KeyedLock } from "@/lib/refresh-guard/keyed-lock";
import {
  entryBytes,
  RotationMemory,
  type RotatedSession,
} from "@/lib/refresh-guard/rotation-memory";

/** A session whose cookie says which refresh token it holds. */
const session = (name: string): RotatedSession => ({
  requestCookies: [{ name: "__session", value: `jwe-of-${name}` }],
  setCookies: [`__session=jwe-of-${name}; Path=/; HttpOnly; SameSite=lax`],
});

function memoryAt(start = 0, { ttlMs = 60_000, maxBytes = 1_000_000 } = {}) {
  const clock = { now: start };
  const memory = new RotationMemory({ ttlMs, maxBytes, now: () => clock.now });
  return { memory, clock };
}

describe("RotationMemory", () => {
  test("leads from a spent refresh token to the session that replaced it", () => {
    const { memory } = memoryAt();
    memory.remember("hash-a", "hash-b", session("b"));
    assert.deepEqual(memory.resolve("hash-a"), { ...session("b"), refreshTokenHash: "hash-b" });
    assert.equal(memory.resolve("hash-b"), null, "the newest token leads nowhere");
  });

  test("is keyed by the refresh token's hash only: nothing else reaches a session", () => {
    const { memory } = memoryAt();
    memory.remember("hash-a", "hash-b", session("b"));
    // Another session, an audience, the new session's cookie: none of them is the spent token.
    for (const other of ["hash-x", "https://orders-api.example.com", "jwe-of-b", ""]) {
      assert.equal(memory.resolve(other), null);
    }
  });

  test("resolves chained rotations to the newest session", () => {
    const { memory } = memoryAt();
    memory.remember("hash-a", "hash-b", session("b"));
    memory.remember("hash-b", "hash-c", session("c"));
    memory.remember("hash-c", "hash-d", session("d"));
    for (const spent of ["hash-a", "hash-b", "hash-c"]) {
      assert.deepEqual(memory.resolve(spent), { ...session("d"), refreshTokenHash: "hash-d" });
    }
  });

  test("forgets a rotation once its time is up", () => {
    const { memory, clock } = memoryAt(1_000, { ttlMs: 60_000 });
    memory.remember("hash-a", "hash-b", session("b"));
    clock.now += 59_999;
    assert.equal(memory.resolve("hash-a")?.refreshTokenHash, "hash-b");
    clock.now += 1;
    assert.equal(memory.resolve("hash-a"), null);
    // The next write prunes it.
    memory.remember("hash-x", "hash-y", session("y"));
    assert.equal(memory.size, 1);
  });

  test("a chain stops at a link whose time is up", () => {
    const { memory, clock } = memoryAt(0, { ttlMs: 10_000 });
    memory.remember("hash-a", "hash-b", session("b"));
    clock.now = 5_000;
    memory.remember("hash-b", "hash-c", session("c"));
    clock.now = 12_000;
    assert.equal(memory.resolve("hash-a"), null);
    assert.equal(memory.resolve("hash-b")?.refreshTokenHash, "hash-c");
  });

  test("holds at most maxBytes, dropping the oldest first", () => {
    const { memory, clock } = memoryAt(0, { maxBytes: 3 * entryBytes(session("a2")) });
    for (const [i, name] of ["a", "b", "c", "d", "e"].entries()) {
      clock.now = i;
      memory.remember(`hash-${name}`, `hash-${name}2`, session(`${name}2`));
    }
    assert.equal(memory.size, 3);
    assert.equal(memory.resolve("hash-a"), null);
    assert.equal(memory.resolve("hash-b"), null);
    for (const name of ["c", "d", "e"]) {
      assert.equal(memory.resolve(`hash-${name}`)?.refreshTokenHash, `hash-${name}2`);
    }
  });

  test("ignores a 'rotation' to the same token and survives a cycle", () => {
    const { memory } = memoryAt();
    memory.remember("hash-a", "hash-a", session("a"));
    assert.equal(memory.size, 0);
    memory.remember("hash-a", "hash-b", session("b"));
    memory.remember("hash-b", "hash-a", session("a"));
    assert.ok(memory.resolve("hash-a"), "ends, whichever link it stops at");
  });
});

/** A task that records when it starts and ends, and finishes when told. */
function task(log: string[], name: string) {
  let finish = () => {};
  let fail = (_error: Error) => {};
  const run = () =>
    new Promise<string>((resolve, reject) => {
      log.push(`start ${name}`);
      finish = () => {
        log.push(`end ${name}`);
        resolve(name);
      };
      fail = reject;
    });
  return { run, finish: () => finish(), fail: (error: Error) => fail(error) };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("KeyedLock", () => {
  test("runs the tasks of one key one after the other, in order", async () => {
    const locks = new KeyedLock();
    const log: string[] = [];
    const [first, second, third] = [task(log, "1"), task(log, "2"), task(log, "3")];
    const results = [first, second, third].map((t) => locks.run("session-a", t.run));
    await tick();
    assert.deepEqual(log, ["start 1"]);
    first.finish();
    await tick();
    assert.deepEqual(log, ["start 1", "end 1", "start 2"]);
    second.finish();
    await tick();
    third.finish();
    assert.deepEqual(await Promise.all(results), ["1", "2", "3"]);
    assert.deepEqual(log, ["start 1", "end 1", "start 2", "end 2", "start 3", "end 3"]);
    assert.equal(locks.size, 0, "an idle key is forgotten");
  });

  test("never makes one key wait for another", async () => {
    const locks = new KeyedLock();
    const log: string[] = [];
    const [a, b] = [task(log, "a"), task(log, "b")];
    const results = [locks.run("session-a", a.run), locks.run("session-b", b.run)];
    await tick();
    assert.deepEqual(log, ["start a", "start b"]);
    b.finish();
    a.finish();
    assert.deepEqual(await Promise.all(results), ["a", "b"]);
  });

  test("releases the key when a task throws", async () => {
    const locks = new KeyedLock();
    const log: string[] = [];
    const [failing, next] = [task(log, "failing"), task(log, "next")];
    const failed = locks.run("session-a", failing.run);
    const after = locks.run("session-a", next.run);
    await tick();
    failing.fail(new Error("refresh failed"));
    await assert.rejects(failed, /refresh failed/);
    await tick();
    assert.deepEqual(log, ["start failing", "start next"]);
    next.finish();
    assert.equal(await after, "next");
    assert.equal(locks.size, 0);
  });
});

describe("RotationMemory.forget", () => {
  test("forgets the whole chain, from any of its tokens, and nothing else", () => {
    for (const presented of ["hash-a", "hash-b", "hash-c"]) {
      const { memory } = memoryAt();
      memory.remember("hash-a", "hash-b", session("b"));
      memory.remember("hash-b", "hash-c", session("c"));
      memory.remember("hash-x", "hash-y", session("y"));
      memory.forget(presented);
      assert.equal(memory.resolve("hash-a"), null, presented);
      assert.equal(memory.resolve("hash-b"), null, presented);
      assert.equal(memory.resolve("hash-x")?.refreshTokenHash, "hash-y", "another session's chain");
      assert.equal(memory.size, 1);
      assert.equal(memory.bytes, entryBytes(session("y")));
    }
  });
});
