import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OwnServers } from "@/test-support/own-servers";
import { localClient } from "@/config/local-client";
import {
  appEnv,
  type BenchPart,
  distDir,
  dpop,
  harshStorm,
  appPort,
  appUrl,
  issuerEnv,
  issuerPort,
  issuerUrl,
  redisAppPort,
  loadTokenTtlSeconds,
  redisAppUrl,
} from "./config";
import {
  assertPortFree,
  bin,
  startChild,
  stopChild,
  waitForUrl,
  type ChildServer,
} from "@/test-support/processes";
import { harshStormOrigins } from "./harsh-storm";
import { startTestRedis, type TestRedis } from "@/test-support/redis-server";

/**
 * The local issuer, a `redis-server` and two `next start`s of the same build, as child processes
 * of the benchmark: one with sessions in the cookie, one with `REDIS_URL`. The issuer keeps its
 * state in a temporary folder, so it can be restarted with another token lifetime while the
 * apps keep the signing key they have cached.
 *
 * @example
 * const servers = new BenchServers();
 * try {
 *   await servers.start(3600);
 *   await servers.restartIssuer(5);
 * } finally {
 *   await servers.stopAll();
 * }
 */
export class BenchServers {
  private readonly stateDir = mkdtempSync(join(tmpdir(), "bench-issuer-"));
  private issuer: ChildServer | undefined;
  private app: ChildServer | undefined;
  private redisApp: ChildServer | undefined;
  private redisServer: TestRedis | undefined;
  private stormServers: OwnServers | undefined;
  private dpopServers: OwnServers | undefined;

  /**
   * Checked before the build as well, so a taken port fails the run in a second, not a minute;
   * with `only`, just that part's ports.
   */
  async assertPortsFree(only?: BenchPart): Promise<void> {
    if (only === "dpop") {
      for (const port of [dpop.issuerPort, dpop.appPort]) await assertPortFree(port);
      return;
    }
    const stormPorts = harshStormOrigins.map((origin) => Number(new URL(origin).port));
    const ports = [issuerPort, appPort, redisAppPort, harshStorm.issuerPort, ...stormPorts];
    for (const port of [...ports, dpop.issuerPort, dpop.appPort]) await assertPortFree(port);
  }

  async start(issuerTtlSeconds: number): Promise<void> {
    await this.assertPortsFree();
    await this.startIssuer(issuerTtlSeconds);
    this.app = startChild("next start", bin("next"), ["start", "--port", String(appPort)], {
      ...appEnv(),
    });
    this.redisServer = await startTestRedis();
    this.redisApp = startChild(
      "next start (Redis sessions)",
      bin("next"),
      ["start", "--port", String(redisAppPort)],
      { ...appEnv(), APP_BASE_URL: redisAppUrl, REDIS_URL: this.redisServer.url },
    );
    await waitForUrl(`${appUrl}/api/health`, this.app);
    await waitForUrl(`${redisAppUrl}/api/health`, this.redisApp);
  }

  /** The Redis the app on `redisAppPort` keeps its sessions in. */
  get redis(): TestRedis {
    if (!this.redisServer) throw new Error("redis-server is not running.");
    return this.redisServer;
  }

  /** The pid of the `next start` command, whose process tree holds the app server. */
  get appPid(): number {
    const pid = this.app?.child.pid;
    if (pid === undefined) throw new Error("next start is not running.");
    return pid;
  }

  /** A new access token lifetime: it applies to the tokens issued from now on. */
  async restartIssuer(ttlSeconds: number): Promise<void> {
    if (this.issuer) await stopChild(this.issuer);
    await this.startIssuer(ttlSeconds);
  }

  /**
   * The harsh storm's own issuer (2-second tokens, reuse interval 0), for the apps each storm run
   * starts and stops; stopped with the rest.
   */
  async startStormIssuer(): Promise<OwnServers> {
    this.stormServers = new OwnServers(harshStorm.issuerPort);
    await this.stormServers.startIssuer(harshStormOrigins, {
      LOCAL_ISSUER_ACCESS_TOKEN_TTL: String(harshStorm.ttlSeconds),
      LOCAL_ISSUER_REFRESH_REUSE_INTERVAL: "0",
    });
    return this.stormServers;
  }

  /**
   * The DPoP section's issuer (hour-long tokens) and app (`DPOP_NONCE=required`), on ports of
   * their own so `npm run bench -- --only dpop` needs nothing else; stopped with the rest. The
   * issuer also accepts the default app URL's callback: the section signs in with the test
   * helpers' OAuth client, whose redirect URI is there (nothing needs to listen on it).
   *
   * @example
   * const { appUrl, issuerUrl } = await servers.startDpopServers();
   */
  async startDpopServers(): Promise<{ appUrl: string; issuerUrl: string }> {
    await this.assertPortsFree("dpop");
    this.dpopServers = new OwnServers(dpop.issuerPort);
    const appUrl = `http://localhost:${dpop.appPort}`;
    await this.dpopServers.startIssuer([appUrl, localClient.defaultAppBaseUrl], {
      LOCAL_ISSUER_ACCESS_TOKEN_TTL: String(loadTokenTtlSeconds),
    });
    await this.dpopServers.startApp(dpop.appPort, {
      NEXT_DIST_DIR: distDir,
      DPOP_NONCE: "required",
    });
    return { appUrl, issuerUrl: this.dpopServers.issuerUrl };
  }

  /** Stops every server and deletes the issuer's state; safe to call twice. */
  async stopAll(): Promise<void> {
    const children = [this.app, this.redisApp, this.issuer];
    await Promise.all(children.map((server) => server && stopChild(server)));
    await this.stormServers?.stop();
    await this.dpopServers?.stop();
    await this.redisServer?.dispose();
    rmSync(this.stateDir, { recursive: true, force: true });
  }

  private async startIssuer(ttlSeconds: number): Promise<void> {
    this.issuer = startChild(
      "local issuer",
      bin("tsx"),
      ["local-issuer/main.ts"],
      issuerEnv(this.stateDir, ttlSeconds),
    );
    await waitForUrl(`${issuerUrl}/.well-known/openid-configuration`, this.issuer);
  }
}
