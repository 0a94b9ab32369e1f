import "server-only";
import { NextRequest } from "next/server";
import { LockWaitTimeoutError } from "@/lib/sessions/lock-wait-timeout-error";
import type { KeyedLock } from "@/lib/refresh-guard/keyed-lock";
import type { Rotation, RotationMemory } from "@/lib/refresh-guard/rotation-memory";
import { mayRefreshFor, type SessionFacts } from "@/lib/refresh-guard/session-facts";
import { refreshFailed } from "@/lib/refresh-guard/refused-refresh";
import { cookieOf, sessionCookies, sessionSetCookies } from "@/lib/refresh-guard/session-cookies";
import type { GuardedRequest } from "@/lib/refresh-guard/refresh-guard";

/** What the cookie mode works with: in this process, shared by every request. */
export type CookieModeParts = {
  /** The facts of the session a request carries (see `sessionFactsReader`). */
  facts: (request: NextRequest) => Promise<SessionFacts | null>;
  /** One lock per refresh token's hash. */
  locks: KeyedLock;
  /** `hash(spent refresh token) → the session that replaced it`. */
  memory: RotationMemory;
  /** The session cookie it swaps and remembers: `__session` unless named (the DPoP client's). */
  cookieName?: string;
};

/** The rotation changes a key this many times at most while a request waits (chained refreshes). */
const MAX_REQUEUES = 8;

/**
 * The guard with sessions in the cookie (one instance): a lock per refresh token around
 * everything that may refresh, and the memory of recent rotations that swaps a spent session for
 * the one that replaced it. See `refresh-guard.ts` for why.
 *
 * @example
 * const response = await guardCookieSession(request, handle, { mayRefresh: true }, parts);
 */
export async function guardCookieSession<R extends Response>(
  request: NextRequest,
  handle: () => Promise<R>,
  { mayRefresh, audience }: GuardedRequest,
  parts: CookieModeParts,
): Promise<R> {
  const { facts: factsOfRequest, locks, memory, cookieName } = parts;
  if (!mayRefresh && memory.size === 0) return handle();
  const facts = await factsOfRequest(request);
  if (facts === null) return handle();
  const presented = facts.refreshTokenHash;
  const rotation = memory.resolve(presented);
  if (!mayRefresh) return withSessionOf(request, rotation, handle, cookieName);
  if (!rotation && audience !== undefined && !mayRefreshFor(facts, audience)) return handle();

  // #region refresh-guard
  const started = Date.now();
  for (let requeues = 0; ; requeues += 1) {
    const newest = memory.resolve(presented);
    const key = newest?.refreshTokenHash ?? presented;
    const response = await locks.run(key, async () => {
      // Rotated while this request waited: queue again behind the newer refresh token, so that
      // every request refreshing one token holds that token's lock. A session that keeps
      // rotating gets a 503 rather than a request run with a refresh token already spent.
      if (memory.resolve(key)) {
        if (requeues < MAX_REQUEUES) return null;
        throw new LockWaitTimeoutError(Date.now() - started);
      }
      return withSessionOf(
        request,
        newest,
        async () => {
          const answer = await handle();
          // A refused refresh ends the chain: no older cookie may lead to its session any more.
          if (await refreshFailed(request, answer)) memory.forget(key);
          else await rememberRotation(request, answer, key, parts);
          return answer;
        },
        cookieName,
      );
    });
    if (response) return response;
  }
  // #endregion
}

/**
 * Runs `handle` with the request's session cookies replaced by `rotation`'s (when there is one)
 * and sends them back with the answer, unless the SDK already wrote the session (then its
 * cookies are at least as new: it read the swapped ones).
 */
async function withSessionOf<R extends Response>(
  request: NextRequest,
  rotation: Rotation | null,
  handle: () => Promise<R>,
  cookieName?: string,
): Promise<R> {
  if (!rotation) return handle();
  // Rewrites the Cookie header too: the SDK, and the page behind the proxy, read the new session.
  request.cookies.delete(sessionCookies(request, cookieName).map((cookie) => cookie.name));
  for (const { name, value } of rotation.requestCookies) request.cookies.set(name, value);
  const response = await handle();
  if (sessionSetCookies(response, cookieName).length === 0) {
    for (const header of rotation.setCookies) response.headers.append("Set-Cookie", header);
    response.headers.set(
      "Cache-Control",
      "private, no-cache, no-store, must-revalidate, max-age=0",
    );
  }
  return response;
}

/**
 * Remembers `spent → the session the answer writes` when `handle` rotated the refresh token. The
 * new session is read from the answer's `Set-Cookie`, and only when it writes a session cookie
 * at all (a cached token writes none). Not from the request: the SDK's read-after-write goes to
 * its own copy of the request whenever it does not recognise the proxy's `NextRequest` class.
 */
async function rememberRotation(
  request: NextRequest,
  response: Response,
  spent: string,
  { facts, memory, cookieName }: Pick<CookieModeParts, "facts" | "memory" | "cookieName">,
) {
  const setCookies = sessionSetCookies(response, cookieName);
  const written = setCookies.map(cookieOf).filter((cookie) => cookie.value !== "");
  if (written.length === 0) return;
  const cookie = written.map(({ name, value }) => `${name}=${value}`).join("; ");
  const next = (await facts(new NextRequest(request.url, { headers: { cookie } })))
    ?.refreshTokenHash;
  if (next === undefined || next === spent) return;
  memory.remember(spent, next, { requestCookies: written, setCookies });
}
