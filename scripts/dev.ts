/**
 * `npm run dev`: the local authorization server and `next dev` in one terminal, or only `next dev`
 * when `.env.local` points the app at a real Auth0 tenant. Ctrl-C stops both.
 */
import nextEnv from "@next/env";
import concurrently from "concurrently";
import { EnvError, parseEnv } from "@/lib/env";

nextEnv.loadEnvConfig(process.cwd(), true);

let mode: "local" | "auth0";
try {
  mode = parseEnv(process.env).mode;
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const next = { name: "next", command: "next dev", prefixColor: "cyan" };
const issuer = { name: "issuer", command: "tsx local-issuer/main.ts", prefixColor: "magenta" };

const { result } = concurrently(mode === "local" ? [issuer, next] : [next], {
  killOthersOn: ["failure", "success"],
  prefix: "name",
  padPrefix: true,
});

result.then(
  () => process.exit(0),
  () => process.exit(1),
);
