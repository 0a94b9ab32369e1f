import "server-only";
import type { SessionData } from "@auth0/nextjs-auth0/types";
import { auth0 } from "@/lib/auth0";
import { SessionStoreUnavailableError } from "@/lib/sessions/redis-client";

/**
 * The session of the request a Server Component renders, or `null` when there is none or its
 * cookie cannot be read. `proxy.ts` drops a forged cookie before the SDK reads it, but some
 * requests never pass the proxy (Next.js's router prefetches): for those, a cookie the SDK
 * cannot decrypt without throwing must still read as signed out, not as a 500. Redis being
 * down is not "signed out": that error goes on, to its 503.
 *
 * @example
 * const session = await currentSession();
 * if (!session) return <SignInLink />;
 */
export async function currentSession(): Promise<SessionData | null> {
  try {
    return await auth0().getSession();
  } catch (error) {
    if (error instanceof SessionStoreUnavailableError) throw error;
    return null;
  }
}
