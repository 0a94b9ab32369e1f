import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";

/**
 * Child processes of the benchmark and of the specs that need servers of their own (faults, the
 * refresh guard's storm).
 */

/** A server started here, with the last lines it printed (shown when it fails). */
export type ChildServer = { name: string; child: ChildProcess; output: () => string };

const TAIL_LINES = 40;

/** Servers still running: a last resort for an exit that skipped the orderly clean-up. */
const running = new Set<number>();
process.on("exit", () => running.forEach((pid) => signalGroup(pid, "SIGKILL")));

/** Path of a binary installed in node_modules, so no shell and no `npx` lookup is needed. */
export const bin = (name: string) => join("node_modules", ".bin", name);

/**
 * Starts a long-running command in its own process group, so stopping it also stops the
 * processes it starts itself (tsx runs a second node, next start a server process).
 *
 * @example
 * const app = startChild("app", bin("next"), ["start", "--port", "3501"], appEnv());
 */
export function startChild(
  name: string,
  command: string,
  args: string[],
  env: Record<string, string>,
): ChildServer {
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const { pid } = child;
  if (pid !== undefined) {
    running.add(pid);
    child.once("exit", () => running.delete(pid));
  }
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split("\n").filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - TAIL_LINES));
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return { name, child, output: () => lines.join("\n") };
}

/**
 * Stops a server's whole process group: SIGTERM, then SIGKILL if it is still up after 5 s.
 *
 * @example
 * await stopChild(app);
 */
export async function stopChild({ child }: ChildServer): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  signalGroup(child.pid, "SIGTERM");
  const timer = setTimeout(() => signalGroup(child.pid ?? 0, "SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * Runs a command to completion and resolves with its output; rejects with that output when it
 * fails, so a failed build shows why.
 *
 * @example
 * await runToEnd(bin("next"), ["build"], { NEXT_DIST_DIR: ".next-bench" });
 */
export function runToEnd(command: string, args: string[], env: Record<string, string>) {
  return new Promise<string>((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`${command} ${args.join(" ")} exited with ${code}:\n${output}`)),
    );
  });
}

/**
 * Fails fast when a port is taken: otherwise the readiness check would find someone else's
 * server and the benchmark (or a spec) would talk to it.
 *
 * @example
 * await assertPortFree(3501);
 */
export function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", () =>
      reject(new Error(`Port ${port} is in use: stop what listens there, then run again.`)),
    );
    probe.listen(port, () => probe.close(() => resolve()));
  });
}

/**
 * Waits until `url` answers 2xx, or fails with the server's last output.
 *
 * @example
 * await waitForUrl(`${appUrl}/api/health`, app);
 */
export async function waitForUrl(url: string, server: ChildServer, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) break;
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${server.name} did not answer at ${url}. Its last output:\n${server.output()}`);
}
