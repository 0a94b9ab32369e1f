import "server-only";
import { serverEnv } from "@/lib/env/server-env";

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
