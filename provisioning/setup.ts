import type { ManagementClient } from "auth0";
import { localClient } from "@/config/local-client";
import type { ServerEnv } from "@/lib/env/server-env";
import { connectToTenant, MANAGEMENT_FIX } from "./connect";
import { planChanges, type Change } from "./plan";
import { describeFailure, readTenant } from "./read-tenant";
import { applyStepUp } from "./step-up";

export type SetupOptions = {
  source: Record<string, string | undefined>;
  dryRun: boolean;
  /** Create a new Regular Web Application even though `AUTH0_CLIENT_ID` names one. */
  createApp?: boolean;
  print: (line: string) => void;
};

export type SetupResult = {
  ok: boolean;
  changes: number;
  /** The application `auth0:setup` created, when it created one. */
  created?: { clientId: string; clientSecret: string };
};

/**
 * Whether setup creates the application: with `--create-app`, or on a tenant when
 * `AUTH0_CLIENT_ID` is not set. Local mode without it uses the local server's demo application.
 */
function createsApp(options: SetupOptions): boolean {
  if (options.createApp) return true;
  if (options.source.AUTH0_CLIENT_ID?.trim()) return false;
  return connectToTenant(options.source, { newApp: true }).env.mode === "auth0";
}

/** The `.env.local` lines for this tenant; in local mode with the demo app, none are needed. */
function envLines(env: ServerEnv, created: SetupResult["created"]): string[] {
  if (!created && env.mode === "local" && env.clientId === localClient.clientId) {
    return ["Local mode: the app needs no .env.local (these are the defaults)."];
  }
  return [
    created
      ? "Put these lines in .env.local (they hold secrets: keep the file out of version control):"
      : "Put these lines in .env.local (the client secret is under Applications → Settings):",
    `  AUTH0_DOMAIN=${env.domain}`,
    `  AUTH0_CLIENT_ID=${created?.clientId ?? env.clientId}`,
    `  AUTH0_CLIENT_SECRET=${created?.clientSecret ?? "<your application's client secret>"}`,
    `  AUTH0_SECRET=${created ? env.secret : "<the output of: openssl rand -hex 32>"}`,
    `  APP_BASE_URL=${env.appBaseUrl}`,
  ];
}

/** Sends one change; a created application's credentials are returned. */
async function apply(management: ManagementClient, change: Change) {
  switch (change.kind) {
    case "create-api":
      await management.resourceServers.create(change.body);
      return undefined;
    case "update-api":
      await management.resourceServers.update(change.id, change.body);
      return undefined;
    case "create-client": {
      const { client_id, client_secret } = await management.clients.create(change.body);
      if (!client_id || !client_secret) throw new Error("the new application has no credentials");
      return { clientId: client_id, clientSecret: client_secret };
    }
    case "update-client":
      // #region update-client
      // PATCH /api/v2/clients/{client_id} with the body above (a token with update:clients).
      await management.clients.update(change.clientId, change.body);
      // #endregion
      return undefined;
    default:
      await applyStepUp(management, change);
      return undefined;
  }
}

/**
 * `npm run auth0:setup`: makes the tenant what the app needs (APIs, the Regular Web Application
 * or the settings of the one configured: URLs, grant types, rotation, MRRT policies), additions
 * only, and prints the plan. Idempotent: a second run finds nothing to change. Returns how many
 * changes it made (or would make, with `dryRun`) and the application it created, if any.
 *
 * @example
 * const result = await runSetup({ source: process.env, dryRun: true, print: console.log });
 * if (!result.ok) process.exitCode = 1;
 */
export async function runSetup(options: SetupOptions): Promise<SetupResult> {
  const { print } = options;
  const newApp = createsApp(options);
  const { env, management, credentials } = connectToTenant(options.source, { newApp });
  print(
    `Tenant ${env.issuerUrl} (${env.mode} mode), ` +
      (newApp ? "a new application" : `application ${env.clientId}`),
  );
  if (credentials === "missing") {
    print(`✖ No Management API credentials: ${MANAGEMENT_FIX}.`);
    return { ok: false, changes: 0 };
  }

  let changes: Change[];
  try {
    const snapshot = await readTenant(management, newApp ? undefined : env.clientId);
    changes = planChanges(snapshot, env.appBaseUrl);
  } catch (error) {
    print(`✖ Cannot read the tenant (${describeFailure(error)}). Fix: ${MANAGEMENT_FIX}.`);
    return { ok: false, changes: 0 };
  }
  if (changes.length === 0) {
    print("✔ nothing to change: the tenant already has everything the app needs");
    for (const line of envLines(env, undefined)) print(line);
    return { ok: true, changes: 0 };
  }

  print(options.dryRun ? "Would change (dry run, nothing is sent):" : "Changing:");
  for (const change of changes) {
    for (const line of change.lines) print(line);
    // What the Management API cannot do here is printed as steps for the dashboard.
    if (change.kind === "by-hand") for (const line of change.byHand) print(line);
  }
  const byHand = changes.filter((change) => change.kind === "by-hand").length;
  if (options.dryRun) return { ok: true, changes: changes.length - byHand };

  let created: SetupResult["created"];
  let made = 0;
  for (const change of changes) {
    if (change.kind === "by-hand") continue;
    try {
      created = (await apply(management, change)) ?? created;
      made++;
    } catch (error) {
      print(`✖ The tenant refused a change (${describeFailure(error)}). Fix: ${MANAGEMENT_FIX}.`);
      // The MFA settings have dashboard steps; the rest stops here, as it builds on each other.
      if (!("byHand" in change)) return { ok: false, changes: made };
      for (const line of change.byHand) print(line);
    }
  }
  const ok = made === changes.length;
  print(
    ok
      ? `✔ ${made} change(s) made. Run npm run auth0:check to verify.`
      : `✖ ${made} change(s) made; the rest is above, to do by hand. Then run npm run auth0:check.`,
  );
  for (const line of envLines(env, created)) print(line);
  return { ok, changes: made, ...(created ? { created } : {}) };
}
