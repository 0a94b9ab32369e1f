import "server-only";
import type { SessionData } from "@auth0/nextjs-auth0/types";
import { auth0 } from "@/lib/auth0";

/**
 * The session of the request a Server Component renders, or `null` when there is none or its
 * cookie cannot be read. `proxy.ts` drops a forged cookie before the SDK reads it, but some
 * requests never pass the proxy (Next.js's router prefetches): for those, a cookie the SDK
 * cannot decrypt without throwing must still read as signed out, not as a 500. So must a
 * session store that cannot answer: a page the proxy let through rolled the session first, and
 * answered 503 if Redis was down; only a request that skipped it (a prefetch) gets here then.
 *
 * @example
 * const session = await currentSession();
 * if (!session) return <SignInLink />;
 */
export async function currentSession(): Promise<SessionData | null> {
  try {
    return await auth0().getSession();
  } catch {
    return null;
  }
}
