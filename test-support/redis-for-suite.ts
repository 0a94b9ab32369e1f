/**
 * Test-only: a real `redis-server` for one unit-test file, started before its tests and stopped
 * after them, with the app's own client for it (`redisClient(url)`) closed first.
 */
import { after, before } from "node:test";
import { redisClient } from "@/lib/sessions/redis-client";
import { startTestRedis, type TestRedis } from "@/test-support/redis-server";

/**
 * Registers the file's `before` and `after` hooks; call the returned function inside a test for
 * the running server.
 *
 * @example
 * const redis = redisForSuite();
 * test("…", async () => { const client = await redisClient(redis().url); });
 */
export function redisForSuite(): () => TestRedis {
  let redis: TestRedis | undefined;
  before(async () => {
    redis = await startTestRedis();
  });
  after(async () => {
    if (!redis) return;
    redis.resume();
    (await redisClient(redis.url)).destroy();
    await redis.dispose();
  });
  return () => {
    if (!redis) throw new Error("redisForSuite(): the server starts in the file's before hook");
    return redis;
  };
}
