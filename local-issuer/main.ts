/**
 * `npm run issuer` (`tsx local-issuer/main.ts`): the local Auth0-compatible authorization server
 * as its own process, configured from environment variables (see `env.ts`). Ctrl-C stops it.
 */
import { parseIssuerEnv, startFailureHint } from "./env";
import { startIssuer } from "./server";

const env = parseIssuerEnv(process.env);
if (!env.ok) {
  console.error(
    `[local-issuer] Cannot start:\n${env.problems.map((problem) => `  - ${problem}`).join("\n")}`,
  );
  process.exit(1);
}

try {
  const issuer = await startIssuer(env.options);
  const { accessTokenTtl, reuseInterval, strict, stateDir } = env.options;
  console.log(
    `[local-issuer] Local Auth0-compatible authorization server at ${issuer.url} ` +
      "(for local development only, never production)",
  );
  console.log(
    `[local-issuer] access tokens ${accessTokenTtl}s, refresh reuse interval ${reuseInterval}s, ` +
      `MRRT ${strict ? "strict" : "Auth0-like (unknown audiences ignored)"}, state in ${stateDir}`,
  );
  const stop = (signal: string) => {
    console.log(`[local-issuer] ${signal}: stopping`);
    issuer.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`[local-issuer] Cannot start: ${message}${startFailureHint(error, env.options)}`);
  process.exit(1);
}
