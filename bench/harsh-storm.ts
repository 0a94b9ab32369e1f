import type { Browser } from "@playwright/test";
import { signedInContext } from "@/e2e/fixtures";
import { runNavigationStorm } from "@/test-support/navigation-storm";
import type { OwnServers } from "@/test-support/own-servers";
import { distDir, harshStorm } from "./config";
import type { HarshStormSample } from "./report-types";

/** One run of the harsh storm: a session mode, the guard on or off, and its apps' ports. */
export type HarshStormRun = {
  mode: HarshStormSample["mode"];
  guard: boolean;
  ports: readonly number[];
};

const url = (port: number) => `http://localhost:${port}`;

/**
 * The runs, in order: each mode with the guard on for the whole storm, then off, stopped at the
 * first revocation. Redis mode spreads its navigations over two instances.
 */
export const harshStormRuns: readonly HarshStormRun[] = [
  { mode: "cookie", guard: true, ports: harshStorm.cookieApps.guardOn },
  { mode: "cookie", guard: false, ports: harshStorm.cookieApps.guardOff },
  { mode: "redis", guard: true, ports: harshStorm.redisApps.guardOn },
  { mode: "redis", guard: false, ports: harshStorm.redisApps.guardOff },
];

/** Every app origin of the runs, for the issuer to accept their sign-ins. */
export const harshStormOrigins = [...new Set(harshStormRuns.flatMap((run) => run.ports))].map(url);

/**
 * The end-to-end suite's navigation storm (`runNavigationStorm`, three tabs navigating at random)
 * against `servers`' issuer (2-second tokens, reuse interval 0), with apps of the benchmark's
 * build started for this run and stopped after it.
 *
 * @example
 * const sample = await measureHarshStorm(browser, servers, harshStormRuns[0], redis.url);
 */
export async function measureHarshStorm(
  browser: Browser,
  servers: OwnServers,
  run: HarshStormRun,
  redisUrl: string,
): Promise<HarshStormSample> {
  const env: Record<string, string> = {
    NEXT_DIST_DIR: distDir,
    REFRESH_GUARD: run.guard ? "on" : "off",
    ...(run.mode === "redis" ? { REDIS_URL: redisUrl } : {}),
  };
  const [first, ...others] = run.ports.map(url);
  if (!first) throw new Error("A storm run needs an app.");
  try {
    await Promise.all(run.ports.map((port) => servers.startApp(port, env)));
    const context = await signedInContext(browser, { baseURL: first });
    try {
      const seconds = run.guard ? harshStorm.seconds : harshStorm.guardOffSeconds;
      const result = await runNavigationStorm(context, {
        issuerUrl: servers.issuerUrl,
        tabs: harshStorm.tabs,
        durationMs: seconds * 1000,
        origins: others.length > 0 ? [first, ...others] : undefined,
        stopWhen: run.guard ? undefined : (delta) => delta.revokedGrants > 0,
      });
      return {
        mode: run.mode,
        instances: run.ports.length,
        guard: run.guard,
        ttlSeconds: harshStorm.ttlSeconds,
        windowSeconds: result.windowSeconds,
        navigations: result.navigations,
        refreshGrants: result.refreshGrants,
        refreshErrors: result.refreshErrors,
        invalidGrant: result.invalidGrant,
        revokedGrants: result.revokedGrants,
        stillSignedIn: result.stillSignedIn,
      };
    } finally {
      await context.close();
    }
  } finally {
    await Promise.all(run.ports.map((port) => servers.stopApp(port)));
  }
}
