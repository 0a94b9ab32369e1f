"use server";

import "server-only";
import { currentSession } from "@/lib/sessions/current-session";
import { serverEnv } from "@/lib/env/server-env";
import type { RevokeResult } from "@/components/demos/error-handling";

/**
 * Revokes the session's refresh token at the authorization server (RFC 7009, Auth0's
 * `/oauth/revoke`), as an administrator or a security tool would. The session cookie still
 * holds the token; the next refresh then fails.
 *
 * @example
 * const result = await revokeSessionRefreshToken();
 */
export async function revokeSessionRefreshToken(): Promise<RevokeResult> {
  const session = await currentSession();
  const refreshToken = session?.tokenSet.refreshToken;
  if (!refreshToken) return { ok: false, reason: "The session has no refresh token to revoke." };
  const env = serverEnv();
  const discovery = await fetch(`${env.issuerUrl}.well-known/openid-configuration`);
  const { revocation_endpoint: endpoint } = (await discovery.json()) as {
    revocation_endpoint?: string;
  };
  if (!endpoint)
    return { ok: false, reason: "The authorization server has no revocation endpoint." };
  const response = await fetch(endpoint, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      token: refreshToken,
      token_type_hint: "refresh_token",
      client_id: env.clientId,
      client_secret: env.clientSecret,
    }),
  });
  return response.ok
    ? { ok: true }
    : { ok: false, reason: `The revocation endpoint answered ${response.status}.` };
}
