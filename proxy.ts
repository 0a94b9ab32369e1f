import type { NextRequest } from "next/server";
import { auth0 } from "./lib/auth0";

/**
 * Mounts the SDK's routes (`/auth/login`, `/auth/callback`, `/auth/logout`, `/auth/profile`,
 * `/auth/access-token`) and rolls the session cookie on the pages it matches.
 */
export async function proxy(request: NextRequest) {
  return auth0.middleware(request);
}

export const config = {
  // Static files and the bearer-only demo APIs never need the session: leaving them out keeps
  // them fast (no cookie decryption and re-encryption per request) and proves the APIs do not
  // rely on it.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt|api/profile|api/orders).*)"],
};
