import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { SessionData } from "@auth0/nextjs-auth0/types";
import { redisForSuite } from "@/test-support/redis-for-suite";
import { redisClient } from "./redis-client";
import { RedisSessionStore } from "./redis-session-store";
import { readingAfresh, readingOnce } from "./request-reads";

const redis = redisForSuite();

const store = () =>
  new RedisSessionStore({
    client: () => redisClient(redis().url),
    absoluteDuration: 3600,
    inactivityDuration: 600,
    prefix: `reads-${Math.random().toString(36).slice(2)}`,
  });

const session = (refreshToken: string): SessionData => ({
  user: { sub: "auth0|demo" },
  tokenSet: { accessToken: "at", refreshToken, expiresAt: Math.floor(Date.now() / 1000) + 60 },
  internal: { sid: "sid-1", createdAt: Math.floor(Date.now() / 1000) },
});

/** How many HGETALL the Redis server has run so far (`INFO commandstats`). */
async function hgetalls(): Promise<number> {
  const info = await (await redisClient(redis().url)).info("commandstats");
  return Number(/cmdstat_hgetall:calls=(\d+)/.exec(info)?.[1] ?? 0);
}

describe("readingOnce: one request reads its stored session from Redis once", () => {
  test("two reads inside one request: one HGETALL, and two session objects of their own", async () => {
    const s = store();
    await s.set("a", session("rt-1"));
    const before = await hgetalls();
    const [first, second] = await readingOnce(async () => [await s.get("a"), await s.get("a")]);
    assert.equal((await hgetalls()) - before, 1);
    assert.equal(second?.tokenSet.refreshToken, "rt-1");
    assert.notEqual(first, second, "a reader that changes its copy changes nobody else's");
  });

  test("after a write, and behind the lock (readingAfresh), the session is read again", async () => {
    const s = store();
    await s.set("a", session("rt-1"));
    const before = await hgetalls();
    const seen = await readingOnce(async () => {
      const read = await s.get("a");
      await s.update("a", { ...read!, tokenSet: { ...read!.tokenSet, refreshToken: "rt-2" } });
      const afterWrite = await s.get("a");
      const afresh = await readingAfresh(() => s.get("a"));
      return [afterWrite?.tokenSet.refreshToken, afresh?.tokenSet.refreshToken];
    });
    assert.deepEqual(seen, ["rt-2", "rt-2"]);
    assert.equal((await hgetalls()) - before, 3);
  });

  test("requests side by side share nothing, and outside a request every read goes to Redis", async () => {
    const s = store();
    await s.set("a", session("rt-a"));
    await s.set("b", session("rt-b"));
    const before = await hgetalls();
    const [a, b] = await Promise.all([
      readingOnce(async () => (await s.get("a"))?.tokenSet.refreshToken),
      readingOnce(async () => (await s.get("b"))?.tokenSet.refreshToken),
    ]);
    assert.deepEqual([a, b], ["rt-a", "rt-b"]);
    await s.get("a");
    await s.get("a");
    assert.equal((await hgetalls()) - before, 4);
  });
});
