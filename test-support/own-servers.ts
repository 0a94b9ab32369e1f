import { rmSync } from "node:fs";
import { bin, startChild, stopChild, waitForUrl, type ChildServer } from "./processes";
import { appEnv, issuerEnv } from "./servers";

/**
 * An authorization server and `next start` apps of a spec's own, on ports of its own: for what
 * the shared servers must not be put through (2-second tokens, a store that goes down, apps with
 * the guard off or in Redis mode). `stop()` ends them all and removes the issuer's state.
 */
export class OwnServers {
  private readonly servers: ChildServer[] = [];
  private readonly apps = new Map<number, ChildServer>();
  private issuer: ChildServer | undefined;
  readonly issuerUrl: string;
  /** The issuer's state folder (its signing key is in `keys.json`). */
  readonly stateDir: string;

  constructor(private readonly issuerPort: number) {
    this.issuerUrl = `http://localhost:${issuerPort}`;
    this.stateDir = `.local-issuer-${issuerPort}`;
  }

  /** Starts the issuer for `appUrls` (the first one receives back-channel logouts). */
  async startIssuer(appUrls: string[], env: Record<string, string> = {}): Promise<void> {
    rmSync(this.stateDir, { recursive: true, force: true });
    const issuer = startChild(
      `local issuer :${this.issuerPort}`,
      bin("tsx"),
      ["local-issuer/main.ts"],
      {
        ...issuerEnv,
        LOCAL_ISSUER_PORT: String(this.issuerPort),
        LOCAL_ISSUER_STATE_DIR: this.stateDir,
        APP_BASE_URL: appUrls[0] ?? "",
        LOCAL_ISSUER_APP_URLS: appUrls.slice(1).join(","),
        ...env,
      },
    );
    this.servers.push(issuer);
    this.issuer = issuer;
    await waitForUrl(`${this.issuerUrl}/.well-known/openid-configuration`, issuer);
  }

  /**
   * Freezes the issuer (SIGSTOP to its process group) or lets it go on (SIGCONT): a stalled
   * authorization server, whose port still accepts connections and which answers nothing, then
   * everything it was sent meanwhile, requests whose sender gave up included.
   */
  stallIssuer(stalled: boolean): void {
    const child = this.issuer?.child;
    if (child?.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    process.kill(-child.pid, stalled ? "SIGSTOP" : "SIGCONT");
  }

  /** Starts the production build on `port` against this issuer; `env` adds or overrides. */
  async startApp(port: number, env: Record<string, string> = {}): Promise<string> {
    const url = `http://localhost:${port}`;
    const app = startChild(`next start :${port}`, bin("next"), ["start", "--port", String(port)], {
      ...appEnv,
      AUTH0_DOMAIN: this.issuerUrl,
      APP_BASE_URL: url,
      ...env,
    });
    this.servers.push(app);
    this.apps.set(port, app);
    await waitForUrl(`${url}/api/health`, app);
    return url;
  }

  /** Stops the app on `port` (to start it again with other variables). */
  async stopApp(port: number): Promise<void> {
    const app = this.apps.get(port);
    if (app) await stopChild(app);
    this.apps.delete(port);
  }

  async stop(): Promise<void> {
    // A stalled issuer would keep SIGTERM pending.
    this.stallIssuer(false);
    await Promise.all(this.servers.map((server) => stopChild(server)));
    rmSync(this.stateDir, { recursive: true, force: true });
  }
}
