import type { ServerEnv } from "@/lib/env/server-env";
import { checkDiscovery, type CheckResult } from "./checks";

/** Long enough for a tenant across the world, short enough not to be mistaken for a hang. */
export const STARTUP_TIMEOUT_MS = 3_000;

/**
 * What `npm run dev` prints when the tenant's discovery failed at start-up: the reason, its fix,
 * and the command that checks everything else. Nothing when it succeeded.
 *
 * @example
 * startupWarning({ ok: false, label: "discovery … is unreachable (fetch failed)", fix: "check AUTH0_DOMAIN" });
 * // "✖ discovery … is unreachable (fetch failed)\n    fix: check AUTH0_DOMAIN\n    then run …"
 */
export function startupWarning(result: CheckResult): string | undefined {
  if (result.ok) return undefined;
  return [
    `✖ ${result.label}`,
    ...(result.fix ? [`    fix: ${result.fix}`] : []),
    "    then run `npm run auth0:check`: it checks the client, URLs, APIs and refresh token " +
      "policies too, each with its fix",
  ].join("\n");
}

/**
 * The cheap check `npm run dev` runs against a tenant at start-up: discovery, with a short
 * timeout. Resolves to the warning to print, or undefined when the tenant answered as expected.
 *
 * @example
 * const warning = await startupCheck(parseEnv(process.env));
 * if (warning) console.warn(warning);
 */
export async function startupCheck(
  env: ServerEnv,
  timeoutMs = STARTUP_TIMEOUT_MS,
): Promise<string | undefined> {
  return startupWarning(await checkDiscovery(env, timeoutMs));
}
