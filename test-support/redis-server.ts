/**
 * Test-only: a real `redis-server` on a free port, with nothing saved to disk, for the tests of
 * the Redis session mode (unit tests, the end-to-end specs, the benchmark). There is no stand-in:
 * an in-memory fake would not show how the Lua scripts, expiries and locks really behave.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { createClient } from "redis";

export type TestRedis = {
  url: string;
  /** Stops the server; `keepData` saves what it holds first, for the next `start`. */
  stop(options?: { keepData?: boolean }): Promise<void>;
  /** Starts it again on the same port, with what the last `stop({ keepData })` saved. */
  start(): Promise<void>;
  /**
   * Freezes the server (SIGSTOP): its connections stay open and it answers nothing, as a Redis
   * that stalls does, until `resume()` (SIGCONT) lets it answer everything it was sent meanwhile.
   */
  pause(): void;
  resume(): void;
  /** Stops it for good and removes its folder. */
  dispose(): Promise<void>;
};

/** What a machine without redis-server is told: the tests that need it fail with this. */
const REDIS_MISSING =
  "redis-server is not installed, so the Redis session tests cannot run. Install it: " +
  "`sudo apt-get install redis-server` (Debian/Ubuntu), `brew install redis` (macOS), " +
  "or name a binary with REDIS_SERVER_PATH.";

const binary = () => process.env.REDIS_SERVER_PATH ?? "redis-server";

/** Whether a redis-server binary can be run here. */
function redisServerInstalled(): boolean {
  return spawnSync(binary(), ["--version"]).status === 0;
}

/** A port nobody listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts `redis-server` on a free port and resolves once it answers PING.
 * Throws `REDIS_MISSING` when there is no redis-server: a missing server fails the tests that
 * need it, it never skips them.
 *
 * @example
 * const redis = await startTestRedis();
 * process.env.REDIS_URL = redis.url;
 * await redis.dispose();
 */
export async function startTestRedis(): Promise<TestRedis> {
  if (!redisServerInstalled()) throw new Error(REDIS_MISSING);
  const chosen = await freePort();
  const url = `redis://127.0.0.1:${chosen}`;
  // Nothing is saved on its own; a folder of its own for what `stop({ keepData })` saves.
  const dir = mkdtempSync(join(tmpdir(), "test-redis-"));
  let child: ChildProcess | undefined;

  async function start() {
    child = spawn(
      binary(),
      ["--port", String(chosen), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      { stdio: "ignore", cwd: dir },
    );
    await waitForPing(url, child);
  }
  async function stop({ keepData = false } = {}) {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    if (keepData) {
      const client = createClient({ url });
      await client.connect();
      await client.sendCommand(["SAVE"]);
      client.destroy();
    }
    const exited = new Promise((resolve) => running.once("exit", resolve));
    // A paused server would keep SIGTERM pending until it is let go.
    running.kill("SIGCONT");
    running.kill("SIGTERM");
    await exited;
  }

  await start();
  process.once("exit", () => child?.kill("SIGKILL"));
  return {
    url,
    stop,
    start,
    pause: () => child?.kill("SIGSTOP"),
    resume: () => child?.kill("SIGCONT"),
    dispose: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPing(url: string, child: ChildProcess, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const client = createClient({ url, socket: { reconnectStrategy: false } });
    client.on("error", () => {});
    const ok = await client
      .connect()
      .then((connected) => connected.ping())
      .then(
        () => true,
        () => false,
      );
    if (client.isOpen) client.destroy();
    if (ok) return;
    await sleep(50);
  }
  throw new Error(`redis-server did not answer at ${url} within ${timeoutMs} ms.`);
}
