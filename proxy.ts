import type { NextRequest } from "next/server";
import { auth0 } from "@/lib/auth0";

/** Pages whose Server Components read the access token (see app/(demos)/server-side). */
const PAGES_READING_TOKENS = new Set(["/server-side"]);

/**
 * Mounts the SDK's routes (`/auth/login`, `/auth/callback`, `/auth/logout`, `/auth/profile`,
 * `/auth/access-token`) and rolls the session cookie on the pages it matches.
 */
export async function proxy(request: NextRequest) {
  const response = await auth0().middleware(request);
  if (PAGES_READING_TOKENS.has(request.nextUrl.pathname)) {
    // #region refresh-before-render
    // Refresh here, where the rotated refresh token can be saved in the response's cookie;
    // the Server Component then only reads a fresh token.
    const client = auth0();
    if (await client.getSession(request)) {
      await client.getAccessToken(request, response).catch(() => {
        // The page reports the failure when it asks for the token itself.
      });
    }
    // #endregion
  }
  return response;
}

export const config = {
  // Static files and the bearer-only demo APIs never need the session: leaving them out keeps
  // them fast (no cookie decryption and re-encryption per request) and proves the APIs do not
  // rely on it.
  //
  // Link prefetches stay out too: several run at once, each would roll the session cookie, and
  // one that was sent before a sign-out would answer after it and put the deleted cookie back.
  matcher: [
    {
      source:
        "/((?!_next/static|_next/image|favicon.ico|robots.txt|api/health|api/profile|api/orders).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
