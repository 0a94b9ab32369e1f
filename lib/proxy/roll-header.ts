/**
 * The request header by which `proxy.ts` tells the SDK's `beforeSessionRolled` hook (in
 * `lib/auth0.ts`) that this page view rolls the session (`session-rolling.ts` decides). The proxy
 * removes any such header a client sent, on every request, before it decides.
 */
export const ROLL_HEADER = "x-app-session-roll";
