import "server-only";
import type { ManagementClient } from "auth0";
import { z } from "zod";
import { apis } from "@/config/apis";
import { defaultRefreshTokenPolicies } from "@/local-issuer/config";
import type { PolicyEntry } from "@/lib/mrrt-playground/explain-answer";
import {
  policyRequest,
  type PolicyRequest,
  type RefreshTokenSettings,
} from "@/lib/mrrt-playground/policy-request";
import { connectToTenant } from "@/provisioning/connect";
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

let connection: { key: string; management: ManagementClient } | undefined;
/** One Management API client per configuration: it keeps its access token between requests. */
function connect(source: Source) {
  const tenant = connectToTenant(source);
  const key = `${tenant.env.issuerUrl}|${tenant.env.clientId}`;
  if (connection?.key !== key) connection = { key, management: tenant.management };
  return { ...tenant, management: connection.management };
}

/**
 * Reads the application's refresh token settings through the Management API
 * (`GET /api/v2/clients/{id}`); writable only in local mode.
 *
 * @example
 * const view = await readPolicy();
 * if (view.ok) console.log(view.settings.policies);
 */
export async function readPolicy(source: Source = process.env): Promise<PolicyView> {
  const { env } = connect(source);
  if (env.mode === "local") return readNow(source);
  // A tenant's Management API has a rate limit and a token quota: one read per half minute.
  if (!tenantRead || tenantRead.until < Date.now()) {
    tenantRead = { view: readNow(source), until: Date.now() + TENANT_READ_TTL_MS };
  }
  return tenantRead.view;
}

const TENANT_READ_TTL_MS = 30_000;
let tenantRead: { view: Promise<PolicyView>; until: number } | undefined;

/**
 * Why the policy cannot be changed from here, or undefined when it can (local mode).
 *
 * @example
 * if (readOnlyReason()) console.log("a tenant: read-only");
 */
export function readOnlyReason(source: Source = process.env): string | undefined {
  return connect(source).env.mode === "local" ? undefined : READ_ONLY;
}

async function readNow(source: Source): Promise<PolicyView> {
  const { env, management, credentials } = connect(source);
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
  if (connect(source).env.mode !== "local") return { ok: false, reason: READ_ONLY };
  const view = await readPolicy(source);
  if (!view.ok) return { ok: false, reason: `${view.reason} ${view.fix}` };
  const parsed = policiesSchema.safeParse(policies);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `policies[${issue.path.join("].")}` : "policies";
    return { ok: false, reason: `Not saved: ${where} ${issue?.message ?? "is not valid"}.` };
  }
  const request = policyRequest(view.clientId, view.settings, parsed.data);
  const { management } = connect(source);
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
