import type { SessionData } from "@auth0/nextjs-auth0/types";

/**
 * Milliseconds until a session must end: the soonest of its inactivity period (from now), its
 * absolute duration (from sign-in) and its own ceiling (`session_expiry`). The SDK passes no TTL
 * to a session store, so the store derives it from the same durations the SDK is given.
 *
 * @example
 * sessionTtlMs(session, { inactivityDuration: 86400, absoluteDuration: 259200 }, nowSeconds);
 */
export function sessionTtlMs(
  session: SessionData,
  durations: { inactivityDuration: number; absoluteDuration: number },
  nowSeconds: number,
): number {
  const { createdAt, sessionExpiresAt } = session.internal as {
    createdAt: number;
    sessionExpiresAt?: number;
  };
  const endsAt = Math.min(
    nowSeconds + durations.inactivityDuration,
    createdAt + durations.absoluteDuration,
    sessionExpiresAt ?? Infinity,
  );
  return (endsAt - nowSeconds) * 1000;
}
