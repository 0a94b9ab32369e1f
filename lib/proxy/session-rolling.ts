import "server-only";
import type { NextRequest } from "next/server";
import { rollIntervalSeconds, type SessionDurations } from "@/config/session";
import { serverEnv } from "@/lib/env/server-env";
import { isPrefetch } from "@/lib/proxy/prefetch";
import { cookieSessionFacts, redisSessionIdOf } from "@/lib/refresh-guard/refresh-guard";
import type { SessionFacts } from "@/lib/refresh-guard/session-facts";
import { sessionCookieKey } from "@/lib/refresh-guard/session-cookies";
import { redisSessions } from "@/lib/sessions/redis-sessions";

/** What the decision reads: the session's durations and, per mode, when it was last rolled. */
export type RollingParts = {
  durations: SessionDurations;
  /** Sessions in the cookie: the facts of the request's session (`cookieSessionFacts`). */
  cookieFacts?: (request: NextRequest) => Promise<SessionFacts | null>;
  /** Sessions in Redis: when the request's session was last written or rolled, or `null`. */
  storedTouchedAt?: (request: NextRequest) => Promise<number | null>;
  now?: () => number;
};

/**
 * Whether a page view should roll the session: re-write it with a later expiry and send its
 * cookie again. The SDK rolls on every page view (a 5 KB `Set-Cookie` with two APIs' tokens);
 * here a session is rolled only when that moves its expiry by at least `rollIntervalSeconds`
 * (a minute). The inactivity period still holds, a minute less at most; a prefetch never rolls.
 *
 * - Cookie sessions: the cookie's own expiry (its `exp`, read with the facts kept by the
 *   cookie's bytes, so no decryption per page) against the expiry a roll would write now.
 * - Redis sessions: the record's `touchedAt` (one `HGET`, for a prefetch too); a store that
 *   cannot answer throws here, and the page answers 503 as before.
 *
 * @example
 * if (await shouldRoll(request)) request.headers.set(ROLL_HEADER, "1");
 */
export function rollingDecision({
  durations,
  cookieFacts,
  storedTouchedAt,
  now = Date.now,
}: RollingParts): (request: NextRequest) => Promise<boolean> {
  const interval = rollIntervalSeconds(durations);
  return async (request) => {
    if (sessionCookieKey(request) === "") return false;
    const nowSeconds = Math.floor(now() / 1000);
    if (storedTouchedAt) {
      // Read for a prefetch too: a store that cannot answer makes it a 503 as well.
      const touchedAt = await storedTouchedAt(request);
      return !isPrefetch(request) && touchedAt !== null && nowSeconds - touchedAt >= interval;
    }
    if (isPrefetch(request)) return false;
    const facts = await cookieFacts?.(request);
    // A session this cannot read the expiry of is rolled, as the SDK would.
    if (!facts || facts.cookieExpiresAt === undefined) return true;
    const rolledExpiry = Math.min(
      nowSeconds + durations.inactivityDuration,
      facts.createdAt + durations.absoluteDuration,
    );
    return rolledExpiry - facts.cookieExpiresAt >= interval;
  };
}

let appDecision: ((request: NextRequest) => Promise<boolean>) | undefined;

/**
 * The app's `rollingDecision`, for its session mode (built on first use: `next build` loads
 * this module without the runtime environment).
 *
 * @example
 * if (await shouldRoll(request)) request.headers.set(ROLL_HEADER, "1");
 */
export function shouldRoll(request: NextRequest): Promise<boolean> {
  appDecision ??= (() => {
    const { redisUrl, session: durations } = serverEnv();
    if (redisUrl === undefined)
      return rollingDecision({ durations, cookieFacts: cookieSessionFacts });
    const { store } = redisSessions(redisUrl);
    return rollingDecision({
      durations,
      storedTouchedAt: async (request) => {
        const id = await redisSessionIdOf(request);
        const touchedAt = id === null ? null : await store.recordField(id, "touchedAt");
        return touchedAt === null ? null : Number(touchedAt);
      },
    });
  })();
  return appDecision(request);
}
