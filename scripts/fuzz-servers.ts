import { existsSync } from "node:fs";
import { join } from "node:path";
import { launchBrowser } from "@/bench/browser";
import { builds } from "@/config/builds";
import { inSignedInContext } from "@/e2e/fixtures";
import { OwnServers } from "@/test-support/own-servers";
import { assertPortFree } from "@/test-support/processes";

/**
 * The servers `npm run fuzz` sends the token route's generated requests to: the local issuer and
 * `next start` of the end-to-end build, on ports that neither `npm run dev` (3000/4000), the
 * end-to-end suite (3401-3404/4401), the benchmark (35xx/45xx) nor its comparison (37xx/47xx)
 * use, so it can run while any of them is up.
 */
export const fuzzPorts = { app: 3801, issuer: 4801 } as const;

/** The build `next start` serves: the end-to-end suite's default one. */
const build = builds.default;

/**
 * What is missing to start the app, as a sentence that names the command that makes it, or
 * `undefined` when the build is there.
 *
 * @example
 * const missing = missingBuild();
 * if (missing) throw new Error(missing);
 */
export function missingBuild(): string | undefined {
  if (existsSync(join(build.distDir, "BUILD_ID"))) return undefined;
  return (
    `No production build in ${build.distDir}/: the token route is fuzzed over HTTP against ` +
    "`next start`. Build it with `npm run build:e2e`, then run `npm run fuzz` again."
  );
}

export type FuzzServers = {
  appUrl: string;
  /** The cookies of one signed-in browser (the demo user), for the token route's property. */
  cookies: { name: string; value: string }[];
  stop: () => Promise<void>;
};

/**
 * Starts the issuer and the app on `fuzzPorts` and signs the demo user in with Chromium, as the
 * end-to-end suite does. `stop()` ends both and removes the issuer's state.
 *
 * @example
 * const servers = await startFuzzServers();
 * try { console.log(servers.cookies.length); } finally { await servers.stop(); }
 */
export async function startFuzzServers(): Promise<FuzzServers> {
  for (const port of Object.values(fuzzPorts)) await assertPortFree(port);
  const servers = new OwnServers(fuzzPorts.issuer);
  try {
    const appUrl = `http://localhost:${fuzzPorts.app}`;
    await servers.startIssuer([appUrl]);
    await servers.startApp(fuzzPorts.app);
    const browser = await launchBrowser();
    const cookies = await inSignedInContext(browser, appUrl, (context) =>
      context.cookies(appUrl),
    ).finally(() => browser.close());
    return { appUrl, cookies, stop: () => servers.stop() };
  } catch (error) {
    await servers.stop();
    throw error;
  }
}
