/**
 * `npm run dev`: the local authorization server and `next dev` in one terminal, or only `next dev`
 * when `.env.local` points the app at a real Auth0 tenant; then it also checks, while Next.js
 * starts, that the tenant's discovery answers, and names the fix when it does not. Ctrl-C stops
 * both.
 */
import nextEnv from "@next/env";
import concurrently from "concurrently";
import { EnvError, parseEnv, type ServerEnv } from "@/lib/env/server-env";
import { startupCheck } from "@/provisioning/startup-check";

nextEnv.loadEnvConfig(process.cwd(), true);

let env: ServerEnv;
try {
  // As `next dev` will run: it sets NODE_ENV=development when none is set.
  env = parseEnv({ ...process.env, NODE_ENV: process.env.NODE_ENV ?? "development" });
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  console.error(error.message);
  process.exit(1);
}
const { mode } = env;

const next = { name: "next", command: "next dev", prefixColor: "cyan" };
const issuer = { name: "issuer", command: "tsx local-issuer/main.ts", prefixColor: "magenta" };

const { result } = concurrently(mode === "local" ? [issuer, next] : [next], {
  killOthersOn: ["failure", "success"],
  prefix: "name",
  padPrefix: true,
});

// Local mode: the issuer is starting alongside, so there is nothing to check yet.
if (mode === "auth0") {
  void startupCheck(env).then((warning) => {
    if (warning) console.warn(warning);
  });
}

result.then(
  () => process.exit(0),
  () => process.exit(1),
);
