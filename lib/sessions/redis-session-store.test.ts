import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { SessionData } from "@auth0/nextjs-auth0/types";
import { redisForSuite } from "@/test-support/redis-for-suite";
import { redisClient, SessionStoreUnavailableError } from "./redis-client";
import { RedisSessionStore, redisSessionId } from "./redis-session-store";

const HOUR = 3600;
const redis = redisForSuite();

let clock = 1_800_000_000_000;
const now = () => clock;
const store = () =>
  new RedisSessionStore({
    client: () => redisClient(redis().url),
    absoluteDuration: 72 * HOUR,
    inactivityDuration: 24 * HOUR,
    touchIntervalSeconds: 60,
    prefix: `test-${Math.random().toString(36).slice(2)}`,
    now,
  });

function session(refreshToken: string, extra: Partial<SessionData["internal"]> = {}): SessionData {
  return {
    user: { sub: "auth0|demo", name: "Demo" },
    tokenSet: { accessToken: "at", refreshToken, expiresAt: clock / 1000 + 60 },
    internal: { sid: `sid-${refreshToken}`, createdAt: clock / 1000, ...extra },
  };
}

async function record(s: RedisSessionStore, id: string) {
  const prefix = (s as unknown as { options: { prefix: string } }).options.prefix;
  const client = await redisClient(redis().url);
  return {
    fields: await client.hGetAll(`${prefix}:${id}`),
    ttlMs: await client.pTTL(`${prefix}:${id}`),
  };
}

describe("RedisSessionStore", () => {
  test("keeps a session under its id, expiring with the session's inactivity duration", async () => {
    const s = store();
    await s.set("a", session("rt-1"));
    const read = await s.get("a");
    assert.equal(read?.tokenSet.refreshToken, "rt-1");
    assert.equal(redisSessionId(read), "a");
    const { ttlMs } = await record(s, "a");
    assert.ok(ttlMs > 24 * HOUR * 1000 - 5_000 && ttlMs <= 24 * HOUR * 1000, String(ttlMs));
    assert.equal(await s.get("missing"), null);
    assert.equal(redisSessionId(session("not-from-the-store")), null);
  });

  test("expires no later than the absolute duration or the session's own ceiling", async () => {
    const s = store();
    await s.set("old", session("rt", { createdAt: clock / 1000 - 71 * HOUR }));
    assert.ok((await record(s, "old")).ttlMs <= HOUR * 1000);
    await s.set("ceiling", session("rt", { sessionExpiresAt: clock / 1000 + 15 } as never));
    assert.ok((await record(s, "ceiling")).ttlMs <= 15_000);
  });

  test("an unchanged session is not written again; its expiry moves once per interval", async () => {
    const s = store();
    await s.set("a", session("rt-1"));
    const before = await record(s, "a");
    assert.equal(await s.update("a", { ...(await s.get("a"))! }), true);
    assert.deepEqual(s.counts, { written: 1, touched: 0, refused: 0, skipped: 1 });
    assert.deepEqual((await record(s, "a")).fields, before.fields);

    clock += 61_000;
    assert.equal(await s.update("a", { ...(await s.get("a"))! }), true);
    assert.equal(s.counts.touched, 1);
    const after = await record(s, "a");
    assert.equal(after.fields.version, before.fields.version, "a touch is not a new version");
    assert.notEqual(after.fields.touchedAt, before.fields.touchedAt);
  });

  test("a changed session is written when nobody wrote since it was read", async () => {
    const s = store();
    await s.set("a", session("rt-1"));
    const read = (await s.get("a"))!;
    const refreshed = { ...read, tokenSet: { ...read.tokenSet, refreshToken: "rt-2" } };
    assert.equal(await s.update("a", refreshed), true);
    assert.equal((await s.get("a"))?.tokenSet.refreshToken, "rt-2");
    assert.equal((await record(s, "a")).fields.version, "2");
  });

  test("a stale write never puts a spent refresh token back", async () => {
    const s = store();
    await s.set("a", session("rt-1"));
    // A page read the session, then the token route refreshed it, then the page wrote.
    const pageRead = (await s.get("a"))!;
    const routeRead = (await s.get("a"))!;
    const refreshed = { ...routeRead, tokenSet: { ...routeRead.tokenSet, refreshToken: "rt-2" } };
    assert.equal(await s.update("a", refreshed), true);

    // The page's rolling write (unchanged since it read it) writes nothing at all ...
    assert.equal(await s.update("a", { ...pageRead }), true);
    assert.equal((await s.get("a"))?.tokenSet.refreshToken, "rt-2");
    // ... and a changed write based on the old version is refused.
    const stale = { ...pageRead, accessTokens: [] };
    assert.equal(await s.update("a", stale), false);
    assert.equal((await s.get("a"))?.tokenSet.refreshToken, "rt-2");
    assert.equal(s.counts.refused, 1);
  });

  test("a session signed out elsewhere is not brought back by a write", async () => {
    const s = store();
    await s.set("a", session("rt-1"));
    const read = (await s.get("a"))!;
    await s.delete("a");
    assert.equal(await s.update("a", { ...read, accessTokens: [] }), false);
    assert.equal(await s.get("a"), null);
  });

  test("a back-channel logout ends the session of its sid, or every session of its sub", async () => {
    const s = store();
    await s.set("a", session("rt-a"));
    await s.set("b", session("rt-b"));
    await s.set("other", { ...session("rt-o"), user: { sub: "auth0|other" } });

    await s.deleteByLogoutToken({ sid: "sid-rt-a", sub: "auth0|demo" });
    assert.equal(await s.get("a"), null);
    assert.ok(await s.get("b"));

    // A sid of another user's session with the wrong sub: left alone.
    await s.deleteByLogoutToken({ sid: "sid-rt-o", sub: "auth0|demo" });
    assert.ok(await s.get("other"));

    await s.deleteByLogoutToken({ sub: "auth0|demo" });
    assert.equal(await s.get("b"), null);
    assert.ok(await s.get("other"));
  });

  test("a session past its end is deleted instead of written", async () => {
    const s = store();
    await s.set("a", session("rt-1"));
    const read = (await s.get("a"))!;
    clock += 73 * HOUR * 1000;
    assert.equal(await s.update("a", { ...read, accessTokens: [] }), false);
    assert.equal(await s.get("a"), null);
  });
});

describe("with Redis unreachable", () => {
  test("every call fails at once with SessionStoreUnavailableError, never a hang", async () => {
    const down = new RedisSessionStore({
      client: () => redisClient("redis://127.0.0.1:1"),
      absoluteDuration: HOUR,
      inactivityDuration: HOUR,
    });
    const started = Date.now();
    await assert.rejects(down.get("a"), SessionStoreUnavailableError);
    await assert.rejects(down.set("a", session("rt")), SessionStoreUnavailableError);
    assert.ok(Date.now() - started < 5_000, `took ${Date.now() - started} ms`);
  });

  test("a store whose Redis stops fails its calls, and works again once Redis is back", async () => {
    const s = store();
    await s.set("a", session("rt-1"));
    await redis().stop();
    await assert.rejects(s.get("a"), SessionStoreUnavailableError);
    await redis().start();
    // The client reconnects in the background: within its backoff, the store works again.
    const deadline = Date.now() + 5_000;
    let read: SessionData | null | undefined;
    while (Date.now() < deadline && read === undefined) {
      read = await s.get("a").catch(() => undefined);
      if (read === undefined) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // redis-server saves nothing: the session is gone with the restart, and reads as signed out.
    assert.equal(read, null);
  });
});
