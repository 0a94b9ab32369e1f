import type { Management, ManagementClient } from "auth0";
import type { TenantSnapshot } from "./plan";

/**
 * Reads what `auth0:setup` and `auth0:check` look at: every API (all pages) and the app's client.
 *
 * @example
 * const snapshot = await readTenant(management, env.clientId);
 */
export async function readTenant(
  management: ManagementClient,
  clientId: string,
): Promise<TenantSnapshot> {
  const apis: Management.ResourceServer[] = [];
  for await (const api of await management.resourceServers.list()) apis.push(api);
  const client = await management.clients.get(clientId);
  return { apis, client };
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
