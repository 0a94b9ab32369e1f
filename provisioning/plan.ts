import type { Management } from "auth0";
import { appUrls, desiredApis, desiredGrantTypes, desiredPolicies } from "./desired";
import { planStepUp, type StepUpChange, type StepUpSnapshot } from "./step-up";

/** One change `auth0:setup` would make, with the lines that describe it. */
export type Change =
  | { kind: "create-api"; body: Management.CreateResourceServerRequestContent; lines: string[] }
  | {
      kind: "update-api";
      id: string;
      body: Management.UpdateResourceServerRequestContent;
      lines: string[];
    }
  | { kind: "create-client"; body: Management.CreateClientRequestContent; lines: string[] }
  | {
      kind: "update-client";
      clientId: string;
      body: Management.UpdateClientRequestContent;
      lines: string[];
    }
  | StepUpChange;

/** The APIs, the app's application and the MFA settings, as the Management API shows them. */
export type AppSnapshot = {
  apis: readonly Management.ResourceServer[];
  client: Management.GetClientResponseContent;
  stepUp: StepUpSnapshot;
};

/** The same before `auth0:setup` created the application: no client yet. */
export type TenantSnapshot =
  AppSnapshot | { apis: AppSnapshot["apis"]; client: undefined; stepUp: StepUpSnapshot };

const missing = (have: readonly string[] | undefined, want: readonly string[]) =>
  want.filter((item) => !(have ?? []).includes(item));
const list = (items: readonly string[]) => items.join(" ") || "(none)";

function apiChanges(apis: TenantSnapshot["apis"]): Change[] {
  return desiredApis.flatMap((want): Change[] => {
    const api = apis.find((candidate) => candidate.identifier === want.identifier);
    const settings = {
      allow_offline_access: true,
      skip_consent_for_verifiable_first_party_clients: true,
    };
    const dpop = want.proofOfPossession;
    if (!api?.id) {
      const body: Management.CreateResourceServerRequestContent = {
        identifier: want.identifier,
        name: want.name,
        scopes: want.scopes.map((value) => ({ value })),
        ...settings,
        ...(dpop ? { proof_of_possession: dpop } : {}),
      };
      const lines = [
        `+ API ${want.identifier} (${want.name})`,
        `    scopes ${list(want.scopes)}, allow offline access, skip consent for first-party apps` +
          (dpop ? ", DPoP-bound tokens only" : ""),
      ];
      return [{ kind: "create-api", body, lines }];
    }
    const have = (api.scopes ?? []).map((scope) => scope.value);
    const absent = missing(have, want.scopes);
    const body: Management.UpdateResourceServerRequestContent = {};
    const lines: string[] = [];
    if (absent.length > 0) {
      body.scopes = [...(api.scopes ?? []), ...absent.map((value) => ({ value }))];
      lines.push(`    scopes: ${list(have)} → ${list([...have, ...absent])}`);
    }
    for (const [name, value] of Object.entries(settings) as [keyof typeof settings, true][]) {
      if (api[name] !== value) {
        body[name] = value;
        lines.push(`    ${name}: ${String(api[name] ?? false)} → ${String(value)}`);
      }
    }
    const pop = api.proof_of_possession;
    if (dpop && (pop?.mechanism !== dpop.mechanism || pop.required !== dpop.required)) {
      body.proof_of_possession = dpop;
      lines.push(
        `    proof_of_possession: ${pop ? JSON.stringify(pop) : "(none)"} → DPoP required`,
      );
    }
    if (lines.length === 0) return [];
    return [
      { kind: "update-api", id: api.id, body, lines: [`~ API ${want.identifier}`, ...lines] },
    ];
  });
}

/** The name a created application gets in the dashboard. */
export const appName = "Next.js access tokens demo";

/**
 * The Regular Web Application, created with everything the app needs at once. Auth0 answers with
 * its `client_id` and `client_secret`. No client grant: a regular web app's sign-in and refresh
 * grants need none (client grants are for the client_credentials grant).
 */
function createClient(appBaseUrl: string): Change {
  const { callbacks, logout } = appUrls(appBaseUrl);
  const body: Management.CreateClientRequestContent = {
    name: appName,
    app_type: "regular_web",
    token_endpoint_auth_method: "client_secret_post",
    is_first_party: true,
    oidc_conformant: true,
    callbacks,
    allowed_logout_urls: [logout],
    grant_types: desiredGrantTypes,
    refresh_token: {
      rotation_type: "rotating",
      expiration_type: "expiring",
      leeway: 0,
      policies: desiredPolicies,
    },
  };
  const lines = [
    `+ application "${appName}" (Regular Web Application)`,
    `    callbacks ${list(callbacks)}, allowed_logout_urls ${logout}`,
    `    grant_types ${list(desiredGrantTypes)}, refresh token rotation (reuse interval 0 s)`,
    ...desiredPolicies.map(
      (policy) => `    refresh_token.policies: ${policy.audience} ${list(policy.scope)}`,
    ),
  ];
  return { kind: "create-client", body, lines };
}

function clientChanges(client: TenantSnapshot["client"], appBaseUrl: string): Change[] {
  if (!client) return [createClient(appBaseUrl)];
  const { callbacks, logout } = appUrls(appBaseUrl);
  const body: Management.UpdateClientRequestContent = {};
  const lines: string[] = [];
  const addTo = (name: "callbacks" | "allowed_logout_urls" | "grant_types", want: string[]) => {
    const absent = missing(client[name], want);
    if (absent.length === 0) return;
    body[name] = [...(client[name] ?? []), ...absent];
    lines.push(`    ${name}: + ${absent.join(", ")}`);
  };
  addTo("callbacks", callbacks);
  addTo("allowed_logout_urls", [logout]);
  addTo("grant_types", desiredGrantTypes);

  const current = client.refresh_token;
  const policies = [...(current?.policies ?? [])];
  const policyLines: string[] = [];
  for (const want of desiredPolicies) {
    const index = policies.findIndex((policy) => policy.audience === want.audience);
    const have = index >= 0 ? (policies[index]?.scope ?? []) : [];
    const absent = missing(have, want.scope);
    if (absent.length === 0) continue;
    const entry = { audience: want.audience, scope: [...have, ...absent] };
    if (index >= 0) policies[index] = entry;
    else policies.push(entry);
    policyLines.push(`    refresh_token.policies: ${want.audience} + ${absent.join(" ")}`);
  }
  const rotating = current?.rotation_type === "rotating" && current.expiration_type === "expiring";
  if (!rotating || policyLines.length > 0) {
    // #region refresh-token-policies
    // The whole object: Auth0 requires rotation_type and expiration_type in every update of it.
    // `policies`: what the application had, plus each missing { audience, scope } of the app's.
    body.refresh_token = {
      ...current,
      rotation_type: "rotating",
      expiration_type: "expiring",
      leeway: current?.leeway ?? 0,
      policies,
    };
    // #endregion
    if (!rotating) {
      lines.push(
        `    refresh_token.rotation_type: ${current?.rotation_type ?? "(none)"} → rotating ` +
          `(reuse interval ${current?.leeway ?? 0} s)`,
      );
    }
    lines.push(...policyLines);
  }
  if (lines.length === 0) return [];
  const clientId = client.client_id ?? "";
  return [
    { kind: "update-client", clientId, body, lines: [`~ application ${clientId}`, ...lines] },
  ];
}

/**
 * Compares the tenant with what the app needs and returns the changes, additions only: an API,
 * scope, URL, grant type or policy that is already there stays, whatever else the tenant has.
 * Without an application (`snapshot.client` undefined) the plan creates one.
 *
 * @example
 * const changes = planChanges(snapshot, "http://localhost:3000");
 * console.log(changes.flatMap((change) => change.lines).join("\n") || "nothing to change");
 */
export function planChanges(snapshot: TenantSnapshot, appBaseUrl: string): Change[] {
  return [
    ...apiChanges(snapshot.apis),
    ...clientChanges(snapshot.client, appBaseUrl),
    ...planStepUp(snapshot.stepUp),
  ];
}
