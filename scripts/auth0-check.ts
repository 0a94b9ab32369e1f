/**
 * `npm run auth0:check`: checks the tenant the app is configured for (`.env.local` is read like
 * `next dev` reads it) and exits non-zero when something is wrong. See `provisioning/check.ts`.
 */
import nextEnv from "@next/env";
import { runCheck } from "@/provisioning/check";

nextEnv.loadEnvConfig(process.cwd(), true);
const { ok } = await runCheck({ source: process.env, print: (line) => console.log(line) });
process.exitCode = ok ? 0 : 1;
