import type { Verdict } from "./report-types";

/**
 * The shapes of what the session cookie costs beyond its size: the `Set-Cookie` bytes client
 * navigations bring back, and the time the SDK spends encrypting and decrypting it.
 */

/** What the responses of one signed-in tab's client navigations said about the session cookie. */
export type NavigationCookieSample = {
  mode: "cookie" | "redis";
  navigations: number;
  /** Document loads after the first page: 0 when every navigation stayed client-side. */
  documentLoads: number;
  /** Every response from the app's origin: RSC fetches, token route, API calls, scripts. */
  responses: number;
  /** Responses with a `Set-Cookie` that gives the session cookie (or a chunk of it) a value. */
  sessionCookieResponses: number;
  /** `Set-Cookie` headers naming the session cookie or a chunk of it, values and deletions. */
  sessionCookieHeaders: number;
  /** The UTF-8 bytes of those header values. */
  sessionCookieBytes: number;
};

export type NavigationCookieFigure = NavigationCookieSample & {
  bytesPerNavigation: number;
  /** Responses that set the session cookie, per 100 navigations. */
  resendsPer100: number;
  target: number;
  verdict: Verdict;
};

/** Median microseconds of one call, the SDK's function against the same JWE with one key. */
export type CookieCryptoRow = {
  operation: "decrypt" | "encrypt";
  sdkMicros: number;
  keyOnceMicros: number;
};

export type CookieCryptoSample = {
  /** The installed `@auth0/nextjs-auth0` whose `dist/server/cookies.js` was timed. */
  sdkVersion: string;
  calls: number;
  warmupCalls: number;
  /** The encrypted session (the cookie's value, chunks joined) and its JSON payload. */
  cookieBytes: number;
  payloadBytes: number;
  rows: CookieCryptoRow[];
};
