/**
 * `npm run auth0:setup [-- --dry-run]`: sets up the tenant the app is configured for (`.env.local`
 * is read like `next dev` reads it). See `tenant/setup.ts`.
 */
import nextEnv from "@next/env";
import { runSetup } from "@/tenant/setup";

nextEnv.loadEnvConfig(process.cwd(), true);
const { ok } = await runSetup({
  source: process.env,
  dryRun: process.argv.includes("--dry-run"),
  print: (line) => console.log(line),
});
process.exitCode = ok ? 0 : 1;
