import type { Management, ManagementClient } from "auth0";
import type { AppSnapshot, TenantSnapshot } from "./plan";
import { readStepUp } from "./step-up";

/**
 * Reads what `auth0:setup` and `auth0:check` look at: every API (all pages), the app's client
 * (none when `clientId` is undefined: the application is still to be created) and the MFA
 * settings of the step-up chapter (`step-up.ts`; unreadable ones are reported, not thrown).
 *
 * @example
 * const snapshot = await readTenant(management, env.clientId);
 */
export async function readTenant(
  management: ManagementClient,
  clientId: string,
): Promise<AppSnapshot>;
export async function readTenant(
  management: ManagementClient,
  clientId: string | undefined,
): Promise<TenantSnapshot>;
export async function readTenant(
  management: ManagementClient,
  clientId: string | undefined,
): Promise<TenantSnapshot> {
  const apis: Management.ResourceServer[] = [];
  for await (const api of await management.resourceServers.list()) apis.push(api);
  const client = clientId === undefined ? undefined : await management.clients.get(clientId);
  return { apis, client, stepUp: await readStepUp(management) };
}

/**
 * A Management API failure as one line: status and Auth0's message, or the network error.
 *
 * @example
 * describeFailure(error); // "401 Unauthorized: Invalid token"
 */
export function describeFailure(error: unknown): string {
  const { statusCode, body } = (error ?? {}) as { statusCode?: number; body?: unknown };
  const fields = (typeof body === "object" && body ? body : {}) as Record<string, unknown>;
  const message = fields.message ?? fields.error_description ?? fields.error;
  if (statusCode) return `${statusCode}${message ? `: ${String(message)}` : ""}`;
  return error instanceof Error ? error.message : String(error);
}
