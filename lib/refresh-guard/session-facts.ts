import "server-only";
import { createHash } from "node:crypto";
import type { SessionData } from "@auth0/nextjs-auth0/types";
import type { NextRequest } from "next/server";
import { apis } from "@/config/apis";
import { sessionCookieKey } from "@/lib/refresh-guard/session-cookies";

/**
 * What the guard, the token route's answers and the rolling need of a cookie session: its refresh
 * token's hash, when its tokens expire, and how long its cookie can be read.
 */
export type SessionFacts = {
  refreshTokenHash: string;
  /** Per audience, the earliest expiry (epoch seconds) of the session's tokens for it. */
  expiries: Map<string, number>;
  /** When the session began (epoch seconds). */
  createdAt: number;
  /**
   * The expiry (epoch seconds) written into the encrypted cookie, which the SDK checks on every
   * read: a cookie session's `exp`. Undefined for a session read from a store.
   */
  cookieExpiresAt?: number;
  /**
   * After this (epoch seconds) the SDK reads no session from this cookie: the earlier of
   * `cookieExpiresAt` and the session's ceiling (less the SDK's leeway); undefined without either.
   */
  readableUntil?: number;
};

/** Reads the session a request carries, as the SDK would (`auth0().getSession(request)`). */
export type ReadSession = (request: NextRequest) => Promise<SessionData | null>;

/**
 * A token that expires later than this cannot be refreshed by the request at hand (the SDK
 * refreshes expired tokens only): that request skips the lock, so that the cached token route
 * keeps its speed when one session sends many requests at once.
 */
const FRESH_MARGIN_SECONDS = 5;

/** Sessions kept by their cookies' bytes: a bound, so a flood of cookies cannot grow memory. */
const MAX_CACHED_SESSIONS = 1_000;

/** The SDK reads no session from 30 s before its ceiling (`internal.sessionExpiresAt`) on. */
const CEILING_LEEWAY_SECONDS = 30;

/**
 * Returns a reader of the session facts a request carries (`null` without a refresh token).
 * Sessions already read are kept by their cookies' exact bytes: a token route answered from the
 * session presents the same cookie again and again, and decrypting it once more per request (the
 * SDK decrypts it too) would cost the route a good share of its speed. The same bytes always
 * decrypt to the same refresh token, so this tells nothing a decryption would not. Only sessions
 * with a refresh token are kept (one that expires later keeps its hash, harmlessly: the SDK still
 * refuses it, and the rotation it may be swapped for is just as old).
 *
 * @example
 * const factsOfRequest = sessionFactsReader((request) => auth0().getSession(request));
 * const facts = await factsOfRequest(request);
 */
export function sessionFactsReader(
  readSession: ReadSession,
  keyOf: (request: NextRequest) => string = sessionCookieKey,
): (request: NextRequest) => Promise<SessionFacts | null> {
  return readerByCookie(
    async (request) => {
      const session = await readSession(request).catch(() => null);
      return session?.tokenSet.refreshToken ? factsOf(session) : null;
    },
    { keyOf },
  );
}

/**
 * Keeps what `derive` makes of a request's session cookie, keyed by the cookie's value
 * (`keyOf`), for the next request that presents it, until `validUntil` says: what does
 * not change while the value does not (a cookie session's content, a stored session's id). At
 * most `MAX_CACHED_SESSIONS`, the oldest dropped first; `null` (no session, no cookie) is not kept.
 *
 * @example
 * const sessionIdOf = readerByCookie(async (request) => redisSessionId(await readSession(request)));
 */
export function readerByCookie<T>(
  derive: (request: NextRequest) => Promise<T | null>,
  {
    now = Date.now,
    keyOf = sessionCookieKey,
    validUntil = () => Infinity,
  }: {
    now?: () => number;
    /** The cookie's value as the SDK reads it: `sessionCookieKey` (cookie sessions) by default. */
    keyOf?: (request: NextRequest) => string;
    /** When (epoch ms) what was derived stops holding; never, by default. */
    validUntil?: (derived: T) => number;
  } = {},
): (request: NextRequest) => Promise<T | null> {
  const byCookie = new Map<string, { value: T; until: number }>();
  return async (request) => {
    const cookie = keyOf(request);
    if (cookie === "") return null;
    const known = byCookie.get(cookie);
    if (known !== undefined && now() < known.until) return known.value;
    const derived = await derive(request);
    byCookie.delete(cookie);
    if (derived === null) return null;
    if (byCookie.size >= MAX_CACHED_SESSIONS) {
      const oldest = byCookie.keys().next();
      if (!oldest.done) byCookie.delete(oldest.value);
    }
    byCookie.set(cookie, {
      value: derived,
      until: validUntil(derived),
    });
    return derived;
  };
}

/**
 * The facts of a session that has a refresh token.
 *
 * @example
 * const { refreshTokenHash } = factsOf(session);
 */
export function factsOf(session: SessionData): SessionFacts {
  const expiries = new Map<string, number>();
  const earliest = (audience: string, expiresAt: number) =>
    expiries.set(audience, Math.min(expiresAt, expiries.get(audience) ?? Infinity));
  const { tokenSet } = session;
  if (tokenSet.expiresAt) earliest(tokenSet.audience ?? apis.profile.audience, tokenSet.expiresAt);
  for (const entry of session.accessTokens ?? []) earliest(entry.audience, entry.expiresAt);
  // A cookie session is the cookie's decrypted claims, `exp` included; a stored one has none.
  const { exp } = session as { exp?: unknown };
  const cookieExpiresAt = typeof exp === "number" ? exp : undefined;
  const { sessionExpiresAt } = session.internal;
  const ceiling =
    typeof sessionExpiresAt === "number" ? sessionExpiresAt - CEILING_LEEWAY_SECONDS : undefined;
  const limits = [cookieExpiresAt, ceiling].filter((at): at is number => typeof at === "number");
  return {
    refreshTokenHash: createHash("sha256")
      .update(tokenSet.refreshToken ?? "")
      .digest("base64url"),
    expiries,
    createdAt: session.internal.createdAt,
    cookieExpiresAt,
    readableUntil: limits.length > 0 ? Math.min(...limits) : undefined,
  };
}

/**
 * Whether the SDK may refresh for `audience` with this session: when it holds no token for it,
 * or one that expires within `FRESH_MARGIN_SECONDS`. The earliest of its tokens for the audience
 * is compared, whatever their scopes, so whichever one the SDK picks, it is at least as fresh.
 *
 * @example
 * if (!mayRefreshFor(facts, apis.orders.audience)) return handle(); // no lock needed
 */
export function mayRefreshFor(facts: SessionFacts, audience: string): boolean {
  const expiresAt = facts.expiries.get(audience);
  return expiresAt === undefined || expiresAt - Date.now() / 1000 < FRESH_MARGIN_SECONDS;
}
