import { OwnServers } from "@/test-support/own-servers";
import type { ChildServer } from "@/test-support/processes";
import { assertPortFree, bin, startChild, stopChild, waitForUrl } from "@/test-support/processes";
import { startTestRedis, type TestRedis } from "@/test-support/redis-server";
import type { CompareApp } from "./compare-plan";
import { inDir } from "./compare-worktrees";
import { appEnv, compare, loadTokenTtlSeconds } from "./config";

/**
 * What `npm run bench:compare` runs: one local issuer (from this tree) that accepts every app's
 * URL, one `redis-server`, and a `next start` per app in its commit's worktree. `stopAll()` ends
 * them all; safe to call twice, and before `start` has finished.
 */

const issuerUrl = `http://localhost:${compare.issuerPort}`;

/**
 * The bench's app environment for an app of the comparison: its own issuer and URL. Variables an
 * older commit does not know (`ALLOW_LOCAL_ISSUER_IN_PRODUCTION`) are ignored by it.
 *
 * @example
 * compareAppEnv("http://localhost:3701").AUTH0_DOMAIN; // "http://localhost:4701"
 */
export const compareAppEnv = (url: string): Record<string, string> => ({
  ...appEnv(),
  AUTH0_DOMAIN: issuerUrl,
  APP_BASE_URL: url,
});

export class CompareServers {
  private readonly issuer = new OwnServers(compare.issuerPort);
  private readonly apps: ChildServer[] = [];
  private redis: TestRedis | undefined;

  /** Checked before the builds, so a taken port fails the run in a second, not ten minutes. */
  async assertPortsFree(apps: readonly CompareApp[]): Promise<void> {
    for (const port of [compare.issuerPort, ...apps.map((app) => app.port)]) {
      await assertPortFree(port);
    }
  }

  /**
   * Starts the issuer, Redis if an app needs it, then every app in the folder of its ref's
   * build (`dirs`), and waits until each answers `/api/health`. Each ref's Redis-mode app gets
   * a database of its own.
   */
  async start(apps: readonly CompareApp[], dirs: ReadonlyMap<string, string>): Promise<void> {
    await this.assertPortsFree(apps);
    await this.issuer.startIssuer(
      apps.map((app) => app.url),
      { LOCAL_ISSUER_ACCESS_TOKEN_TTL: String(loadTokenTtlSeconds) },
    );
    if (apps.some((app) => app.sessions === "Redis")) this.redis = await startTestRedis();
    const databases = [...dirs.keys()];
    for (const app of apps) {
      const dir = dirs.get(app.ref);
      if (dir === undefined) throw new Error(`${app.ref} was not built.`);
      const env = compareAppEnv(app.url);
      if (app.sessions === "Redis") env.REDIS_URL = this.database(databases.indexOf(app.ref) + 1);
      const args = ["start", "--port", String(app.port)];
      const name = `next start (${app.ref}, ${app.sessions})`;
      this.apps.push(startChild(name, ...inDir(dir, bin("next"), args), env));
    }
    for (const [index, app] of apps.entries()) {
      const server = this.apps[index];
      if (server) await waitForUrl(`${app.url}/api/health`, server);
    }
  }

  /** Database `index` of the one `redis-server` (0 to 15; 0 is left unused). */
  private database(index: number): string {
    if (!this.redis) throw new Error("redis-server is not running.");
    if (index > 15) throw new Error("redis-server has 16 databases: compare fewer refs.");
    return `${this.redis.url}/${index}`;
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.apps.map((app) => stopChild(app)));
    await this.issuer.stop();
    await this.redis?.dispose();
  }
}
