import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import type { SessionData } from "@auth0/nextjs-auth0/types";
import { NextRequest } from "next/server";
import { redisForSuite } from "@/test-support/redis-for-suite";
import { redisClient } from "@/lib/sessions/redis-client";
import { RedisLock } from "@/lib/sessions/redis-lock";
import { RefreshFailures } from "@/lib/sessions/refresh-failures";
import { sessionFailureResponse } from "@/lib/sessions/session-failure";
import { KeyedLock } from "./keyed-lock";
import { guardRedisSession } from "./redis-mode";

const redis = redisForSuite();

/** A session whose access token has expired: every request of it may refresh. */
function expiredSession(): SessionData {
  const now = Math.floor(Date.now() / 1000);
  return {
    user: { sub: "auth0|demo" },
    tokenSet: { accessToken: "at", refreshToken: "rt-1", expiresAt: now - 1 },
    internal: { sid: "sid-1", createdAt: now },
  };
}

/** The guard's parts for one session of its own, on one instance (its own in-process lock). */
function instance(waitMs: number) {
  const id = randomUUID();
  const client = () => redisClient(redis().url);
  const locks = new RedisLock({ client });
  const refreshFailures = new RefreshFailures({ client });
  const parts = {
    sessionIdOf: async () => id,
    readSession: async () => expiredSession(),
    locks: new KeyedLock(),
    sharedLocks: locks,
    failures: refreshFailures,
    waitMs,
  };
  const guard = (handle: () => Promise<Response>) =>
    guardRedisSession(
      new NextRequest("http://localhost:3000/auth/access-token"),
      handle,
      undefined,
      parts,
    );
  return { id, guard };
}

/** The code a request that failed with `reason` answers: a 503 from the session mode, or none. */
async function answeredCode(reason: unknown): Promise<string | null> {
  const response = sessionFailureResponse(reason, { json: true });
  if (response?.status !== 503) return null;
  return ((await response.json()) as { error: { code: string } }).error.code;
}

const failedRefresh = () =>
  Response.json({ error: { code: "failed_to_refresh_token" } }, { status: 401 });

describe("guardRedisSession: waits with a deadline", () => {
  test("waiters queued behind a refresh that failed answer session_busy and never send its refresh token", async () => {
    const { guard } = instance(5_000);
    let refreshes = 0;
    const refreshThatFails = async () => {
      refreshes += 1;
      await sleep(300);
      return failedRefresh();
    };
    const results = await Promise.allSettled([1, 2, 3, 4].map(() => guard(refreshThatFails)));
    assert.equal(refreshes, 1, "the refresh token was sent once");
    const [first, ...waiters] = results;
    assert.equal(first?.status === "fulfilled" && first.value.status, 401);
    for (const waiter of waiters) {
      assert.equal(waiter.status, "rejected");
      assert.equal(await answeredCode(waiter.reason), "session_busy");
    }
    // A request that comes after the failure may try again: the issuer may well be back.
    assert.equal((await guard(refreshThatFails)).status, 401);
    assert.equal(refreshes, 2);
  });

  /** Expects a waiter of `guard` (deadline 300 ms) to answer `session_busy` at its deadline. */
  async function expectBusyAtDeadline(
    guard: (handle: () => Promise<Response>) => Promise<Response>,
  ) {
    const started = Date.now();
    const reason = await guard(async () => new Response("{}")).then(
      () => assert.fail("the waiter was answered by the SDK"),
      (error: unknown) => error,
    );
    const waitedMs = Date.now() - started;
    assert.equal(await answeredCode(reason), "session_busy");
    assert.ok(waitedMs >= 280 && waitedMs < 700, `waited ${waitedMs} ms`);
  }

  test("a waiter in this process answers session_busy at its deadline while the refresh goes on", async () => {
    const { guard } = instance(300);
    const slowRefresh = guard(async () => (await sleep(1_000), new Response("{}")));
    await sleep(20);
    await expectBusyAtDeadline(guard);
    assert.equal((await slowRefresh).status, 200);
  });

  test("a waiter behind another instance's refresh answers session_busy at the same deadline", async () => {
    const { id, guard } = instance(300);
    const otherInstance = new RedisLock({ client: () => redisClient(redis().url) });
    const slowRefresh = otherInstance.run(id, () => sleep(1_000));
    await sleep(20);
    await expectBusyAtDeadline(guard);
    await slowRefresh;
  });
});
