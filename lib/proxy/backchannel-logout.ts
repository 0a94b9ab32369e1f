import "server-only";
import type { NextRequest } from "next/server";
import { issuerKeys } from "@/lib/demo-apis/server/verify-access-token";
import { serverEnv } from "@/lib/env/server-env";
import { sdkPath } from "@/lib/proxy/sdk-routes";
import { verifyLogoutToken } from "@/lib/proxy/verify-logout-token";
import { redisSessions } from "@/lib/sessions/redis-sessions";

/** The SDK's back-channel logout route (its default; the app does not move it). */
const BACKCHANNEL_LOGOUT_ROUTE = "/auth/backchannel-logout";

/**
 * Stands in front of the SDK's back-channel logout route (Redis mode: the only one with sessions
 * that a logout token can end), and answers what the SDK would get wrong: a token that is not a
 * valid logout token (the SDK lets jose's error escape: a 500), or one this app accepted before
 * (the SDK accepts a replay). Returns the refusal, or `null` to let the SDK end the session.
 *
 * @example
 * const refusal = await backchannelLogoutRefusal(request);
 * if (refusal) return refusal;
 */
export async function backchannelLogoutRefusal(request: NextRequest): Promise<Response | null> {
  const path = sdkPath(request.nextUrl.pathname);
  if (request.method !== "POST" || path !== BACKCHANNEL_LOGOUT_ROUTE) return null;
  const { redisUrl, issuerUrl, clientId } = serverEnv();
  if (redisUrl === undefined) return null;
  const token = new URLSearchParams(await request.clone().text()).get("logout_token");
  // None at all: the SDK answers that with its own 400.
  if (!token) return null;
  const check = await verifyLogoutToken(token, {
    issuer: issuerUrl,
    audience: clientId,
    keys: issuerKeys(issuerUrl),
  });
  if (!check.ok) return refusal(check.status, check.reason);
  const first = await redisSessions(redisUrl).logoutTokens.firstSight(
    check.jti,
    check.acceptedUntilMs,
  );
  return first ? null : refusal(400, "Invalid logout token: it was used before (same jti).");
}

/** A refusal in the SDK's own shape for this route: plain text, never cached. */
function refusal(status: 400 | 503, reason: string): Response {
  const headers = new Headers({ "Content-Type": "text/plain", "Cache-Control": "no-store" });
  if (status === 503) headers.set("Retry-After", "5");
  return new Response(reason, { status, headers });
}
