import "server-only";
import { dpopCookies } from "@/config/session";
import { auth0Dpop } from "@/lib/auth0-dpop";
import { serverEnv } from "@/lib/env/server-env";
import { KeyedLock } from "@/lib/refresh-guard/keyed-lock";
import { createRefreshGuard, MEMORY_TTL_MS } from "@/lib/refresh-guard/refresh-guard";
import { RotationMemory } from "@/lib/refresh-guard/rotation-memory";
import { sessionFactsReader } from "@/lib/refresh-guard/session-facts";
import { sessionCookieKey } from "@/lib/refresh-guard/session-cookies";

/**
 * The refresh guard of the DPoP client (`lib/auth0-dpop.ts`): the same guard as the first
 * client's (`refresh-guard.ts`), around its own cookie, `__session_dpop`, with a lock and a memory
 * of rotations of its own. Its sessions always live in the cookie, also with `REDIS_URL`: the guard
 * is then per instance, as the first client's is with cookie sessions.
 *
 * @example
 * const response = await withDpopRefreshGuard(request, handle, { mayRefresh: true });
 */
export const { withRefreshGuard: withDpopRefreshGuard, forgetRotations: forgetDpopRotations } =
  createRefreshGuard({
    settings: () => ({ refreshGuard: serverEnv().refreshGuard }),
    cookieMode: {
      facts: sessionFactsReader(
        async (request) => (await auth0Dpop()).getSession(request),
        (request) => sessionCookieKey(request, dpopCookies.session),
      ),
      locks: new KeyedLock(),
      memory: new RotationMemory({ ttlMs: MEMORY_TTL_MS, maxBytes: 8 * 1024 * 1024 }),
      cookieName: dpopCookies.session,
    },
    redisMode: () => {
      throw new Error("The DPoP client keeps its sessions in the cookie.");
    },
  });
