import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { SessionData } from "@auth0/nextjs-auth0/types";
import { NextRequest } from "next/server";
import { factsOf, readerByCookie } from "./session-facts";

const NOW = 1_800_000_000;

const session = (extra: Record<string, unknown> = {}, ceiling?: number): SessionData =>
  ({
    user: { sub: "auth0|demo" },
    tokenSet: { accessToken: "at", refreshToken: "rt", expiresAt: NOW + 600 },
    internal: { sid: "sid", createdAt: NOW - 60, sessionExpiresAt: ceiling },
    ...extra,
  }) as SessionData;

const request = (cookie: string) =>
  new NextRequest("http://localhost:3000/", { headers: { cookie } });

describe("factsOf: how long the SDK reads the session", () => {
  test("a cookie session's own expiry, and 30 s before its ceiling, whichever comes first", () => {
    assert.equal(factsOf(session({ exp: NOW + 100 })).readableUntil, NOW + 100);
    assert.equal(factsOf(session({ exp: NOW + 100 }, NOW + 50)).readableUntil, NOW + 20);
    assert.equal(factsOf(session({}, NOW + 50)).readableUntil, NOW + 20);
    assert.equal(factsOf(session()).readableUntil, undefined, "a stored session without a ceiling");
  });
});

describe("readerByCookie: kept per cookie value, for a while at most", () => {
  test("derives once per value, again once it stops holding, never for a request without a session", async () => {
    const clock = { now: 0 };
    let derived = 0;
    const read = readerByCookie(async () => `id-${++derived}`, {
      now: () => clock.now,
      validUntil: () => clock.now + 15_000,
    });
    assert.equal(await read(request("__session=a")), "id-1");
    assert.equal(await read(request("__session__0=a")), "id-1", "the same value, chunked");
    assert.equal(await read(request("__session=b")), "id-2");
    clock.now = 15_000;
    assert.equal(await read(request("__session=a")), "id-3");
    assert.equal(await read(request("theme=dark")), null);
    assert.equal(derived, 3);
  });

  test("ends an entry when what was derived says so", async () => {
    const clock = { now: 0 };
    let derived = 0;
    const read = readerByCookie(async () => ({ n: ++derived, until: 5_000 }), {
      now: () => clock.now,
      validUntil: (value) => value.until,
    });
    assert.equal((await read(request("__session=a")))?.n, 1);
    clock.now = 4_999;
    assert.equal((await read(request("__session=a")))?.n, 1);
    clock.now = 5_000;
    assert.equal((await read(request("__session=a")))?.n, 2);
  });
});
