import "server-only";
import { cache } from "react";
import type { SessionData } from "@auth0/nextjs-auth0/types";
import { auth0 } from "@/lib/auth0";
import { SessionStoreUnavailableError } from "@/lib/sessions/redis-client";

/**
 * The session of the request a Server Component renders, or `null` when there is none or its
 * cookie cannot be read. Read once per render (`cache`): the layout and the page ask for it
 * both, and with sessions in Redis each read is a round trip.
 *
 * `proxy.ts` drops a forged cookie before the SDK reads it, but some requests never pass the
 * proxy (Next.js's router prefetches): for those, a cookie the SDK cannot decrypt without
 * throwing must still read as signed out, not as a 500. A session store that cannot answer is
 * not "signed out": the proxy answers 503 for a page when Redis is down, and one that went down
 * since still fails here rather than show the user signed out.
 *
 * @example
 * const session = await currentSession();
 * if (!session) return <SignInLink />;
 */
export const currentSession = cache(async (): Promise<SessionData | null> => {
  try {
    return await auth0().getSession();
  } catch (error) {
    if (error instanceof SessionStoreUnavailableError) throw error;
    return null;
  }
});
