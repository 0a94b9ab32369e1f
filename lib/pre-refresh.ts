import "server-only";
import type { NextRequest, NextResponse } from "next/server";
import { AccessTokenError } from "@auth0/nextjs-auth0/errors";
import { auth0 } from "@/lib/auth0";

/** The request header through which the proxy tells a page that its pre-refresh failed. */
export const PRE_REFRESH_ERROR_HEADER = "x-pre-refresh-error";

/**
 * Refreshes the session's access token in `proxy.ts`, where the rotated refresh token can be
 * saved in the response's cookie, before a page whose Server Components read the token renders.
 *
 * When the refresh fails, the page must not try again: a Server Component cannot save a cookie,
 * so a second refresh there would spend the refresh token for nothing (or reuse a spent one).
 * The failure goes to the page in a request header instead; one sent by the client is dropped.
 *
 * @example
 * await preRefresh(request, response); // then pass request.headers on to the page
 */
export async function preRefresh(request: NextRequest, response: NextResponse): Promise<void> {
  request.headers.delete(PRE_REFRESH_ERROR_HEADER);
  if (!(await auth0().getSession(request))) return;
  try {
    await auth0().getAccessToken(request, response);
  } catch (error) {
    const code = error instanceof AccessTokenError ? error.code : "unknown";
    request.headers.set(PRE_REFRESH_ERROR_HEADER, code);
  }
}
