import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { SessionData } from "@auth0/nextjs-auth0/types";
import { redisForSuite } from "@/test-support/redis-for-suite";
import { redisClient, SessionStoreUnavailableError } from "./redis-client";
import { RedisLock } from "./redis-lock";
import { RedisSessionStore } from "./redis-session-store";

// A Redis that stalls (SIGSTOP) keeps its connections open and answers nothing: without a
// deadline of its own, every call waits for as long as it stays stalled.

/** What a call may take on a stalled Redis before it fails: its deadline, and some slack. */
const ANSWERED_WITHIN_MS = 3_000;

const redis = redisForSuite();

const store = () =>
  new RedisSessionStore({
    client: () => redisClient(redis().url),
    absoluteDuration: 3600,
    inactivityDuration: 3600,
    prefix: `test-${Math.random().toString(36).slice(2)}`,
  });

function session(): SessionData {
  const now = Math.floor(Date.now() / 1000);
  return {
    user: { sub: "auth0|demo" },
    tokenSet: { accessToken: "at", refreshToken: "rt", expiresAt: now + 60 },
    internal: { sid: "sid", createdAt: now },
  };
}

/** Runs `call` while Redis is stalled and returns how long it took to fail. */
async function failsWhileStalled(call: () => Promise<unknown>): Promise<number> {
  // Connected first: what is under test is a command to a Redis that stalls, not a connection.
  await (await redisClient(redis().url)).ping();
  redis().pause();
  const started = Date.now();
  try {
    await assert.rejects(call(), SessionStoreUnavailableError);
    return Date.now() - started;
  } finally {
    redis().resume();
  }
}

describe("with Redis stalled", () => {
  test("a store call fails with SessionStoreUnavailableError within its deadline, and works once Redis answers", async () => {
    const s = store();
    await s.set("a", session());
    const tookMs = await failsWhileStalled(() => s.get("a"));
    assert.ok(tookMs < ANSWERED_WITHIN_MS, `failed after ${tookMs} ms`);
    assert.equal((await s.get("a"))?.tokenSet.refreshToken, "rt");
  });

  test("taking a lock fails within its deadline, and the lock is free once Redis answers", async () => {
    const locks = new RedisLock({ client: () => redisClient(redis().url), waitMs: 100 });
    const tookMs = await failsWhileStalled(() => locks.run("session-1", async () => "never"));
    assert.ok(tookMs < ANSWERED_WITHIN_MS, `failed after ${tookMs} ms`);
    // The SET that timed out reached Redis all the same: it must not hold the lock for its TTL.
    assert.equal(await locks.run("session-1", async () => "next"), "next");
  });

  test("a holder whose release meets a stalled Redis still answers within the deadline", async () => {
    const locks = new RedisLock({ client: () => redisClient(redis().url) });
    let settledMs = -1;
    try {
      const started = Date.now();
      const result = await locks.run("session-2", async () => {
        redis().pause();
        return "refreshed";
      });
      settledMs = Date.now() - started;
      assert.equal(result, "refreshed");
    } finally {
      redis().resume();
    }
    assert.ok(settledMs < ANSWERED_WITHIN_MS, `answered after ${settledMs} ms`);
  });
});
