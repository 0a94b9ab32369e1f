import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { appEnv, appPort, appUrl, issuerEnv, issuerPort, issuerUrl } from "./config";
import {
  assertPortFree,
  bin,
  startChild,
  stopChild,
  waitForUrl,
  type ChildServer,
} from "@/e2e/support/processes";

/**
 * The local issuer and `next start`, as child processes of the benchmark. The issuer keeps its
 * state in a temporary folder, so it can be restarted with another token lifetime while the
 * app keeps the signing key it has cached.
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

  /** Checked before the build as well, so a taken port fails the run in a second, not a minute. */
  async assertPortsFree(): Promise<void> {
    await assertPortFree(issuerPort);
    await assertPortFree(appPort);
  }

  async start(issuerTtlSeconds: number): Promise<void> {
    await this.assertPortsFree();
    await this.startIssuer(issuerTtlSeconds);
    this.app = startChild("next start", bin("next"), ["start", "--port", String(appPort)], {
      ...appEnv(),
    });
    await waitForUrl(`${appUrl}/api/health`, this.app);
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

  /** Stops both servers and deletes the issuer's state; safe to call twice. */
  async stopAll(): Promise<void> {
    await Promise.all([this.app, this.issuer].map((server) => server && stopChild(server)));
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
