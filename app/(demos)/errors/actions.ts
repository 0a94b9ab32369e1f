"use server";

import { revokeSessionRefreshToken, type RevokeResult } from "@/lib/revoke-refresh-token";

/** Server Action behind the error page's "revoke my refresh token" button. */
export async function revokeRefreshTokenAction(): Promise<RevokeResult> {
  return revokeSessionRefreshToken();
}
