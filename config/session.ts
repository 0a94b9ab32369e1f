/**
 * How long a session lives, in seconds: the SDK's own defaults, written out because the Redis
 * session store needs them too (its records expire with the session, `lib/sessions/`).
 * `SESSION_INACTIVITY_SECONDS` shortens the inactivity period (`lib/env/server-env.ts`).
 */
export const sessionDurations = {
  /** From sign-in, whatever the activity. */
  absoluteDuration: 3 * 24 * 60 * 60,
  /** Without a request. A page view extends it, at most once per `rollIntervalSeconds`. */
  inactivityDuration: 24 * 60 * 60,
} as const;

/** The durations the app runs with: the defaults above, or a shorter inactivity period. */
export type SessionDurations = { absoluteDuration: number; inactivityDuration: number };

/** The longest interval between two rolls of one session, in seconds. */
const MAX_ROLL_INTERVAL_SECONDS = 60;

/**
 * How often a session is rolled at most: its expiry is moved, and its cookie sent again, only
 * when that moves the expiry by at least this much. A minute, or a tenth of the inactivity
 * period when that is shorter (one second at least), so a session still ends at most this much
 * before its inactivity period after the last page view is over, never after.
 *
 * @example
 * rollIntervalSeconds({ absoluteDuration: 259200, inactivityDuration: 86400 }); // 60
 * rollIntervalSeconds({ absoluteDuration: 259200, inactivityDuration: 10 }); // 1
 */
export function rollIntervalSeconds({ inactivityDuration }: SessionDurations): number {
  return Math.max(1, Math.min(MAX_ROLL_INTERVAL_SECONDS, Math.floor(inactivityDuration / 10)));
}

/**
 * The DPoP client's cookies (`lib/auth0-dpop.ts`): a session cookie and sign-in cookies of its
 * own, so that the first client's `__session` and `__txn_*` are never touched by it. The cookie
 * guard (`lib/proxy/session-cookie-guard.ts`) and the DPoP refresh guard read these names.
 */
export const dpopCookies = { session: "__session_dpop", transactionPrefix: "__dpop_txn_" } as const;
