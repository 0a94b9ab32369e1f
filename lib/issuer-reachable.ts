import "server-only";
import { serverEnv } from "@/lib/env";

/** How long the probe waits: a down server refuses at once, a hung one must not hold the user. */
const PROBE_TIMEOUT_MS = 2_000;

/**
 * Whether the authorization server answers its discovery document right now.
 *
 * @example
 * if (!(await issuerReachable())) console.warn("the authorization server is down");
 */
export async function issuerReachable(issuerUrl = serverEnv().issuerUrl): Promise<boolean> {
  try {
    const response = await fetch(new URL(".well-known/openid-configuration", issuerUrl), {
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
      cache: "no-store",
    });
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * The SDK answers every failed refresh with `failed_to_refresh_token`, whether the authorization
 * server refused the refresh token or could not be reached; the browser cannot tell them apart,
 * and "sign in again" is the wrong advice when the server is down (signing in cannot work
 * either). On that answer only, this asks the server once and, when it is down, answers
 * `503 authorization_server_unreachable` with `Retry-After` instead: the session is kept, and a
 * retry works once the server is back.
 *
 * @example
 * response = await namingAnUnreachableIssuer(await auth0().middleware(request));
 */
export async function namingAnUnreachableIssuer(response: Response): Promise<Response> {
  if (response.status !== 401) return response;
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as { error?: { code?: unknown } } | null;
  if (body?.error?.code !== "failed_to_refresh_token" || (await issuerReachable())) {
    return response;
  }
  return Response.json(
    {
      error: {
        code: "authorization_server_unreachable",
        message: "The authorization server could not be reached to refresh the token.",
      },
    },
    { status: 503, headers: { "Retry-After": "5", "Cache-Control": "no-store" } },
  );
}
