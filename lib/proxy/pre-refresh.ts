import "server-only";
import type { NextRequest, NextResponse } from "next/server";
import { AccessTokenError } from "@auth0/nextjs-auth0/errors";
import { auth0 } from "@/lib/auth0";

/** A token with less time left than this (seconds) could expire before the page has rendered. */
const RENDER_MARGIN_SECONDS = 10;

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
  const session = await auth0().getSession(request);
  if (!session) return;
  // The SDK refreshes expired tokens only: one that expires while the page renders would be
  // refreshed by the Server Component, which cannot save the new refresh token (the old one is
  // spent, the next refresh a reuse). So a token about to expire is refreshed here already.
  const expiresAt = session.tokenSet.expiresAt ?? 0;
  const refresh = expiresAt - Date.now() / 1000 < RENDER_MARGIN_SECONDS;
  try {
    await auth0().getAccessToken(request, response, { refresh });
  } catch (error) {
    const code = error instanceof AccessTokenError ? error.code : "unknown";
    request.headers.set(PRE_REFRESH_ERROR_HEADER, code);
  }
}
