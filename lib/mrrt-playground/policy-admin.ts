import "server-only";
import { z } from "zod";
import { apis } from "@/config/apis";
import { defaultRefreshTokenPolicies } from "@/local-issuer/config";
import type { PolicyEntry } from "@/lib/mrrt-playground/explain-answer";
import {
  policyRequest,
  type PolicyRequest,
  type RefreshTokenSettings,
} from "@/lib/mrrt-playground/policy-request";
import { connectToTenant, type TenantConnection } from "@/provisioning/connect";
import { describeFailure } from "@/provisioning/read-tenant";

/**
 * The MRRT playground's view of the application's refresh token settings, read and written
 * through the Management API with the same requests `npm run auth0:setup` sends. Writes are for
 * the local authorization server only: never the policy of a real tenant, whatever is configured.
 */

export type PolicyView =
  | {
      ok: true;
      clientId: string;
      settings: RefreshTokenSettings;
      /** Why the policy cannot be changed from here; undefined when it can (local mode). */
      readOnly?: string;
    }
  | { ok: false; reason: string; fix: string };

export type PolicyWrite =
  | { ok: true; settings: RefreshTokenSettings; request: PolicyRequest }
  | { ok: false; reason: string };

type Source = Record<string, string | undefined>;

/** The page only reads: `read:clients` is all its Management API client needs. */
const READ_FIX =
  "To show it, create a Machine to Machine application authorized for the Auth0 Management API " +
  "with the scope read:clients, and put its credentials in AUTH0_MGMT_CLIENT_ID and " +
  "AUTH0_MGMT_CLIENT_SECRET.";

const READ_ONLY =
  "The app is configured for an Auth0 tenant: the playground never changes a tenant's policy. " +
  "Send the request below yourself (or run npm run auth0:setup) to change it.";

type Connection = TenantConnection & {
  /** A tenant's last read: its Management API has a rate limit and a token quota. */
  tenantRead?: { view: Promise<PolicyView>; until: number };
};
const TENANT_READ_TTL_MS = 30_000;
const connections = new WeakMap<Source, Connection>();

/**
 * The configuration read once per source (`process.env` for the app), with one Management API
 * client, which keeps its access token between requests.
 */
function connect(source: Source): Connection {
  let connection = connections.get(source);
  if (!connection) connections.set(source, (connection = connectToTenant(source)));
  return connection;
}

/**
 * Reads the application's refresh token settings through the Management API
 * (`GET /api/v2/clients/{id}`); writable only in local mode. A tenant is read at most once per
 * half minute.
 *
 * @example
 * const view = await readPolicy();
 * if (view.ok) console.log(view.settings.policies);
 */
export async function readPolicy(source: Source = process.env): Promise<PolicyView> {
  const connection = connect(source);
  if (connection.env.mode === "local") return readNow(connection);
  const { tenantRead } = connection;
  if (tenantRead && tenantRead.until >= Date.now()) return tenantRead.view;
  const view = readNow(connection);
  connection.tenantRead = { view, until: Date.now() + TENANT_READ_TTL_MS };
  return view;
}

/**
 * Why the policy cannot be changed from here, or undefined when it can (local mode).
 *
 * @example
 * if (readOnlyReason()) console.log("a tenant: read-only");
 */
export function readOnlyReason(source: Source = process.env): string | undefined {
  return connect(source).env.mode === "local" ? undefined : READ_ONLY;
}

async function readNow({ env, management, credentials }: Connection): Promise<PolicyView> {
  if (credentials === "missing") {
    return { ok: false, reason: "No Management API credentials.", fix: READ_FIX };
  }
  try {
    const client = await management.clients.get(env.clientId);
    const settings = client.refresh_token;
    return {
      ok: true,
      clientId: env.clientId,
      settings: {
        rotation_type: settings?.rotation_type ?? "non-rotating",
        expiration_type: settings?.expiration_type ?? "non-expiring",
        leeway: settings?.leeway ?? 0,
        policies: (settings?.policies ?? []).map(({ audience, scope }) => ({
          audience,
          scope: scope ?? [],
        })),
      },
      ...(env.mode === "local" ? {} : { readOnly: READ_ONLY }),
    };
  } catch (error) {
    return {
      ok: false,
      reason: `The Management API answered: ${describeFailure(error)}.`,
      fix: env.mode === "local" ? "Start the local authorization server (npm run dev)." : READ_FIX,
    };
  }
}

/** The policies a write may set: the app's APIs, each at most once, with scopes it defines. */
const policiesSchema = z
  .array(
    z.object({
      audience: z.enum(Object.values(apis).map((api) => api.audience) as [string, ...string[]], {
        error: "is not one of this app's APIs",
      }),
      scope: z.array(z.string()),
    }),
  )
  .max(Object.keys(apis).length)
  .superRefine((entries, ctx) => {
    entries.forEach((entry, index) => {
      const api = Object.values(apis).find((candidate) => candidate.audience === entry.audience);
      const unknown = entry.scope.filter(
        (scope) => !(api?.scopes as readonly string[]).includes(scope),
      );
      if (unknown.length > 0) {
        ctx.addIssue({
          code: "custom",
          path: [index, "scope"],
          message: `${api?.name} does not define ${unknown.join(", ")}`,
        });
      }
      if (new Set(entry.scope).size !== entry.scope.length) {
        ctx.addIssue({ code: "custom", path: [index, "scope"], message: "names a scope twice" });
      }
      if (entries.findIndex((other) => other.audience === entry.audience) !== index) {
        ctx.addIssue({ code: "custom", path: [index, "audience"], message: "is listed twice" });
      }
    });
  });

/**
 * Sets the application's refresh token policies on the local authorization server; refused (and
 * nothing sent) when the app is configured for a tenant, or when `policies` is not a list of this
 * app's APIs and their scopes.
 *
 * @example
 * const result = await writePolicies([{ audience: "https://orders-api.example.com", scope: [] }]);
 */
export async function writePolicies(
  policies: unknown,
  source: Source = process.env,
): Promise<PolicyWrite> {
  // #region write-policy
  // A tenant's policy is never changed from here, before anything is sent: only the local server's.
  const { env, management } = connect(source);
  if (env.mode !== "local") return { ok: false, reason: READ_ONLY };
  const parsed = policiesSchema.safeParse(policies);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `policies[${issue.path.join("].")}` : "policies";
    return { ok: false, reason: `Not saved: ${where} ${issue?.message ?? "is not valid"}.` };
  }
  // The rotation settings go with every refresh_token update: read them as they are now.
  const view = await readPolicy(source);
  if (!view.ok) return { ok: false, reason: `${view.reason} ${view.fix}` };
  const request = policyRequest(view.clientId, view.settings, parsed.data);
  try {
    // PATCH /api/v2/clients/{client_id}, as auth0:setup sends it.
    await management.clients.update(view.clientId, request.body);
  } catch (error) {
    return {
      ok: false,
      reason: `Not saved: the Management API answered ${describeFailure(error)}.`,
    };
  }
  return { ok: true, settings: { ...view.settings, policies: parsed.data }, request };
  // #endregion
}

/** The app's own policy, which every chapter and test expects (`local-issuer/config.ts`). */
export const defaultPolicies: PolicyEntry[] = defaultRefreshTokenPolicies.map((entry) => ({
  audience: entry.audience,
  scope: [...entry.scope],
}));
