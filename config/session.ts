/**
 * How long a session lives, in seconds: the SDK's own defaults, written out because the Redis
 * session store needs them too (its records expire with the session, `lib/sessions/`).
 */
export const sessionDurations = {
  /** From sign-in, whatever the activity. */
  absoluteDuration: 3 * 24 * 60 * 60,
  /** Without a request. Every page view extends it (a rolling session). */
  inactivityDuration: 24 * 60 * 60,
} as const;
