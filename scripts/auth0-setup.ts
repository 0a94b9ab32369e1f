/**
 * `npm run auth0:setup [-- --dry-run] [-- --create-app]`: sets up the tenant the app is configured
 * for (`.env.local` is read like `next dev` reads it). See `provisioning/setup.ts`.
 */
import nextEnv from "@next/env";
import { EnvError } from "@/lib/env/server-env";
import { runSetup } from "@/provisioning/setup";

nextEnv.loadEnvConfig(process.cwd(), true);
try {
  const { ok } = await runSetup({
    source: process.env,
    dryRun: process.argv.includes("--dry-run"),
    createApp: process.argv.includes("--create-app"),
    print: (line) => console.log(line),
  });
  process.exitCode = ok ? 0 : 1;
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
