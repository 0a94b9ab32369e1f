import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import type { SessionData } from "@auth0/nextjs-auth0/types";
import { redisForSuite } from "@/test-support/redis-for-suite";
import { redisClient } from "./redis-client";
import { RedisSessionStore } from "./redis-session-store";

// Real time and a real redis-server: what is under test is when Redis lets the keys expire.
const INACTIVITY_SECONDS = 2;
/** Past the first expiry of what was written at sign-in, with the session kept alive meanwhile. */
const PAST_FIRST_EXPIRY_MS = (INACTIVITY_SECONDS + 0.5) * 1000;

const redis = redisForSuite();

const prefix = () => `test-${Math.random().toString(36).slice(2)}`;

function storeWith(keyPrefix: string) {
  return new RedisSessionStore({
    client: () => redisClient(redis().url),
    absoluteDuration: 3600,
    inactivityDuration: INACTIVITY_SECONDS,
    touchIntervalSeconds: 1,
    prefix: keyPrefix,
  });
}

function session(sid: string, extra: Partial<SessionData["internal"]> = {}): SessionData {
  const now = Math.floor(Date.now() / 1000);
  return {
    user: { sub: "auth0|demo" },
    tokenSet: { accessToken: "at", refreshToken: `rt-${sid}`, expiresAt: now + 600 },
    internal: { sid, createdAt: now, ...extra },
  };
}

/** Page views that change nothing: the store only moves the session's expiry (a touch). */
async function viewPagesFor(store: RedisSessionStore, id: string, forMs: number): Promise<void> {
  const until = Date.now() + forMs;
  while (Date.now() < until) {
    await sleep(1_100);
    const read = await store.get(id);
    assert.ok(read, `session ${id} is still alive while it is used`);
    assert.equal(await store.update(id, { ...read }), true);
  }
}

describe("back-channel logout of a session that is used but not rewritten", () => {
  test("a logout token naming its sid ends it after its indexes' first expiry", async () => {
    const store = storeWith(prefix());
    await store.set("a", session("sid-a"));
    await viewPagesFor(store, "a", PAST_FIRST_EXPIRY_MS);
    assert.ok(store.counts.touched >= 2, `touched ${store.counts.touched} times, never written`);

    await store.deleteByLogoutToken({ sid: "sid-a", sub: "auth0|demo" });
    assert.equal(await store.get("a"), null);
  });

  test("a logout token naming only its user ends it; a shorter session never shortens the user's index", async () => {
    const keyPrefix = prefix();
    const store = storeWith(keyPrefix);
    await store.set("a", session("sid-a"));
    // The same user's second session ends in 3 s whatever its activity (its own ceiling).
    const now = Math.floor(Date.now() / 1000);
    await store.set("b", session("sid-b", { sessionExpiresAt: now + 3 } as never));
    await viewPagesFor(store, "a", PAST_FIRST_EXPIRY_MS);
    // A touch of the shorter session comes last: the user's index still lives as long as "a".
    const b = await store.get("b");
    if (b) await store.update("b", { ...b });
    const client = await redisClient(redis().url);
    const indexTtlMs = await client.pTTL(`${keyPrefix}:by-sub:auth0|demo`);
    const sessionTtlMs = await client.pTTL(`${keyPrefix}:a`);
    assert.ok(
      indexTtlMs >= sessionTtlMs - 1_000,
      `index ${indexTtlMs} ms, session ${sessionTtlMs}`,
    );

    await store.deleteByLogoutToken({ sub: "auth0|demo" });
    assert.equal(await store.get("a"), null);
  });

  test("a logout token naming a sid whose index is gone finds the session through its user", async () => {
    const keyPrefix = prefix();
    const store = storeWith(keyPrefix);
    await store.set("a", session("sid-a"));
    await store.set("b", session("sid-b"));
    // As left by a session written before the touch kept its indexes alive.
    await (await redisClient(redis().url)).del(`${keyPrefix}:by-sid:sid-a`);

    await store.deleteByLogoutToken({ sid: "sid-a", sub: "auth0|demo" });
    assert.equal(await store.get("a"), null);
    assert.ok(await store.get("b"), "the user's session of another sid is left alone");
  });
});
