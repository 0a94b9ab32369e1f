import { createHash } from "node:crypto";
import { localClient } from "@/config/local-client";
import { callbackPaths } from "@/config/paths";
import { localManagementClient } from "@/config/local-management-client";
import { STEP_UP_FACTOR, stepUpAction } from "@/config/step-up-action";
import { localApis, MFA_OTP_GRANT, type RefreshTokenPolicy } from "../config";
import type { ActionRecord, ClientRecord, ResourceServerRecord, Tenant } from "./state";

export type TenantSeedOptions = {
  /** `default`: the demo app ready to run; `empty`: a new tenant, as before `auth0:setup`. */
  kind: "default" | "empty";
  appBaseUrls: readonly string[];
  reuseInterval: number;
  policies: readonly RefreshTokenPolicy[];
};

/** A stable Auth0-looking id (24 hex characters), so the same API keeps its id across restarts. */
export const recordId = (seed: string): string =>
  createHash("sha256").update(seed).digest("hex").slice(0, 24);

/** The machine-to-machine application the issuer registers for itself (Management API). */
const managementClientRecord: ClientRecord = {
  client_id: localManagementClient.clientId,
  name: localManagementClient.name,
  app_type: "non_interactive",
  is_first_party: true,
  callbacks: [],
  allowed_logout_urls: [],
  grant_types: ["client_credentials"],
  refresh_token: {
    rotation_type: "non-rotating",
    expiration_type: "non-expiring",
    leeway: 0,
    policies: [],
  },
};

function demoApis(): ResourceServerRecord[] {
  return localApis.map((api) => ({
    id: recordId(api.audience),
    name: api.name,
    identifier: api.audience,
    scopes: api.scopes.map((value) => ({ value, description: "" })),
    signing_alg: "RS256",
    allow_offline_access: true,
    skip_consent_for_verifiable_first_party_clients: true,
    ...("proofOfPossession" in api ? { proof_of_possession: { ...api.proofOfPossession } } : {}),
  }));
}

/** The step-up Action, deployed, as `npm run auth0:setup` leaves it. */
function deployedStepUpAction(): ActionRecord {
  const now = new Date().toISOString();
  return {
    id: recordId(stepUpAction.name),
    name: stepUpAction.name,
    supported_triggers: [{ ...stepUpAction.trigger }],
    code: stepUpAction.code,
    runtime: "node22",
    deployed_code: stepUpAction.code,
    created_at: now,
    updated_at: now,
  };
}

/**
 * The tenant an issuer starts with when its state folder has no `tenant.json`. `default` is what
 * the demo app needs (and what `npm run auth0:setup` produces); `empty` is a tenant where nothing
 * was set up yet: no APIs, an application without callback URLs, policies or rotation, with the
 * grant types Auth0 gives a new Regular Web Application, no factor and no Action.
 *
 * @example
 * seedTenant({ kind: "empty", appBaseUrls: [], reuseInterval: 0, policies: [] }).resource_servers;
 * // []
 */
export function seedTenant(options: TenantSeedOptions): Tenant {
  const bases = [...new Set(options.appBaseUrls.map((base) => base.replace(/\/+$/, "")))];
  const empty = options.kind === "empty";
  const app: ClientRecord = {
    client_id: localClient.clientId,
    name: "Local demo app",
    app_type: "regular_web",
    is_first_party: true,
    callbacks: empty ? [] : bases.flatMap((base) => callbackPaths.map((path) => base + path)),
    // Both spellings: the SDK sends APP_BASE_URL exactly as configured, with or without the slash.
    allowed_logout_urls: empty ? [] : bases.flatMap((base) => [base, `${base}/`]),
    grant_types: empty
      ? ["authorization_code", "implicit", "refresh_token", "client_credentials"]
      : // The MFA grant, as an Auth0 application needs it enabled for step-up through the MFA API.
        ["authorization_code", "refresh_token", MFA_OTP_GRANT],
    refresh_token: empty
      ? { rotation_type: "non-rotating", expiration_type: "non-expiring", leeway: 0, policies: [] }
      : {
          rotation_type: "rotating",
          expiration_type: "expiring",
          leeway: options.reuseInterval,
          policies: options.policies.map(({ audience, scope }) => ({
            audience,
            scope: [...scope],
          })),
        },
  };
  const action = deployedStepUpAction();
  return {
    resource_servers: empty ? [] : demoApis(),
    clients: [app, managementClientRecord],
    guardian_factors: empty ? {} : { [STEP_UP_FACTOR]: true },
    actions: empty ? [] : [action],
    post_login_bindings: empty
      ? []
      : [{ id: recordId(`binding ${action.id}`), action_id: action.id, display_name: action.name }],
  };
}
