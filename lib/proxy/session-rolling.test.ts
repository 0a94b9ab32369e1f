import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { NextRequest } from "next/server";
import { sessionDurations } from "@/config/session";
import type { SessionFacts } from "@/lib/refresh-guard/session-facts";
import { rollingDecision } from "./session-rolling";

const NOW = 1_800_000_000;
const DAY = 24 * 60 * 60;
const durations = sessionDurations; // 3 days absolute, 1 day inactivity: rolls at most once a minute

const page = (headers: Record<string, string> = { cookie: "__session=a" }) =>
  new NextRequest("http://localhost:3000/basic-usage", { headers });

/** A cookie session written `writtenAgo` seconds ago, `age` seconds after it began. */
const cookieWritten = (writtenAgo: number, age = 3600): SessionFacts => ({
  refreshTokenHash: "h",
  expiries: new Map(),
  createdAt: NOW - age,
  cookieExpiresAt: Math.min(NOW - writtenAgo + DAY, NOW - age + durations.absoluteDuration),
});

const cookieMode = (facts: SessionFacts | null) =>
  rollingDecision({ durations, cookieFacts: async () => facts, now: () => NOW * 1000 });

describe("rollingDecision: a page view rolls the session only when that moves its expiry", () => {
  test("cookie sessions: not within a minute of the last write, then once", async () => {
    assert.equal(await cookieMode(cookieWritten(0))(page()), false);
    assert.equal(await cookieMode(cookieWritten(59))(page()), false);
    assert.equal(await cookieMode(cookieWritten(60))(page()), true);
    assert.equal(await cookieMode(cookieWritten(20 * 3600))(page()), true);
  });

  test("cookie sessions: not when the absolute lifetime caps the expiry already", async () => {
    const lastDay = durations.absoluteDuration - DAY / 2; // half a day left of three
    assert.equal(await cookieMode(cookieWritten(3600, lastDay))(page()), false);
  });

  test("cookie sessions: a session whose expiry cannot be read rolls, as the SDK would", async () => {
    assert.equal(await cookieMode(null)(page()), true);
    assert.equal(
      await cookieMode({ ...cookieWritten(0), cookieExpiresAt: undefined })(page()),
      true,
    );
  });

  test("never without a session cookie, never for a prefetch", async () => {
    const decide = cookieMode(cookieWritten(3600));
    assert.equal(await decide(page({})), false);
    assert.equal(await decide(page({ cookie: "theme=dark" })), false);
    const prefetches: Record<string, string>[] = [
      { purpose: "prefetch" },
      { "sec-purpose": "prefetch;prerender" },
    ];
    for (const prefetch of prefetches) {
      assert.equal(await decide(page({ cookie: "__session=a", ...prefetch })), false);
    }
  });

  test("Redis sessions: by the record's touchedAt; a session that is gone does not roll", async () => {
    const redisMode = (touchedAt: number | null) =>
      rollingDecision({ durations, storedTouchedAt: async () => touchedAt, now: () => NOW * 1000 });
    assert.equal(await redisMode(NOW - 59)(page()), false);
    assert.equal(await redisMode(NOW - 60)(page()), true);
    assert.equal(await redisMode(null)(page()), false);
  });

  test("Redis sessions: a store that cannot answer fails the decision (the page answers 503), a prefetch's too", async () => {
    const down = rollingDecision({
      durations,
      storedTouchedAt: async () => Promise.reject(new Error("store down")),
    });
    await assert.rejects(down(page()), /store down/);
    await assert.rejects(down(page({ cookie: "__session=a", purpose: "prefetch" })), /store down/);
  });

  test("Redis sessions: a prefetch never rolls, however long ago the session was", async () => {
    const decide = rollingDecision({
      durations,
      storedTouchedAt: async () => NOW - 3600,
      now: () => NOW * 1000,
    });
    assert.equal(await decide(page({ cookie: "__session=a", "sec-purpose": "prefetch" })), false);
  });

  test("a short inactivity period rolls more often: a tenth of it", async () => {
    const short = { ...durations, inactivityDuration: 10 };
    const facts = (writtenAgo: number): SessionFacts => ({
      ...cookieWritten(writtenAgo),
      cookieExpiresAt: NOW - writtenAgo + 10,
    });
    const decide = (writtenAgo: number) =>
      rollingDecision({
        durations: short,
        cookieFacts: async () => facts(writtenAgo),
        now: () => NOW * 1000,
      })(page());
    assert.equal(await decide(0), false);
    assert.equal(await decide(1), true);
  });
});
