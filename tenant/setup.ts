import { connectToTenant, MANAGEMENT_FIX } from "./connect";
import { planChanges, type Change } from "./plan";
import { describeFailure, readTenant } from "./read-tenant";

export type SetupOptions = {
  source: Record<string, string | undefined>;
  dryRun: boolean;
  print: (line: string) => void;
};

/** The `.env.local` lines for this tenant; in local mode every one of them is a default. */
function envLines(source: SetupOptions["source"], mode: "local" | "auth0", domain: string) {
  if (mode === "local") {
    return ["Local mode: the app needs no .env.local (these are the defaults)."];
  }
  return [
    "Put these lines in .env.local (the client secret is under Applications → Settings):",
    `  AUTH0_DOMAIN=${domain}`,
    `  AUTH0_CLIENT_ID=${source.AUTH0_CLIENT_ID ?? ""}`,
    "  AUTH0_CLIENT_SECRET=<your application's client secret>",
    "  AUTH0_SECRET=<the output of: openssl rand -hex 32>",
    `  APP_BASE_URL=${source.APP_BASE_URL ?? "http://localhost:3000"}`,
  ];
}

/**
 * `npm run auth0:setup`: makes the tenant what the app needs (APIs, application URLs, grant
 * types, rotation, MRRT policies), additions only, and prints the plan. Idempotent: a second run
 * finds nothing to change. Returns how many changes it made (or would make, with `dryRun`).
 *
 * @example
 * const result = await runSetup({ source: process.env, dryRun: true, print: console.log });
 * if (!result.ok) process.exitCode = 1;
 */
export async function runSetup(options: SetupOptions): Promise<{ ok: boolean; changes: number }> {
  const { print } = options;
  const { env, management, credentials } = connectToTenant(options.source);
  print(`Tenant ${env.issuerUrl} (${env.mode} mode), application ${env.clientId}`);
  if (credentials === "missing") {
    print(`✖ No Management API credentials: ${MANAGEMENT_FIX}.`);
    return { ok: false, changes: 0 };
  }

  let changes: Change[];
  try {
    changes = planChanges(await readTenant(management, env.clientId), env.appBaseUrl);
  } catch (error) {
    print(`✖ Cannot read the tenant (${describeFailure(error)}). Fix: ${MANAGEMENT_FIX}.`);
    return { ok: false, changes: 0 };
  }
  if (changes.length === 0) {
    print("✔ nothing to change: the tenant already has everything the app needs");
    for (const line of envLines(options.source, env.mode, env.domain)) print(line);
    return { ok: true, changes: 0 };
  }

  print(options.dryRun ? "Would change (dry run, nothing is sent):" : "Changing:");
  for (const change of changes) for (const line of change.lines) print(line);
  if (options.dryRun) return { ok: true, changes: changes.length };

  try {
    for (const change of changes) {
      if (change.kind === "create-api") await management.resourceServers.create(change.body);
      if (change.kind === "update-api") {
        await management.resourceServers.update(change.id, change.body);
      }
      if (change.kind === "update-client") {
        await management.clients.update(change.clientId, change.body);
      }
    }
  } catch (error) {
    print(`✖ The tenant refused a change (${describeFailure(error)}). Fix: ${MANAGEMENT_FIX}.`);
    return { ok: false, changes: 0 };
  }
  print(`✔ ${changes.length} change(s) made. Run npm run auth0:check to verify.`);
  for (const line of envLines(options.source, env.mode, env.domain)) print(line);
  return { ok: true, changes: changes.length };
}
