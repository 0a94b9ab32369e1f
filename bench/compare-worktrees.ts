import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { bin, runToEnd, startChild, stopChild, type ChildServer } from "@/test-support/processes";
import { HEAD, type CompareRef } from "./compare-plan";

/**
 * The commits `npm run bench:compare` measures, each checked out in a detached worktree under
 * `/tmp/bench-compare-*` with this tree's `node_modules` hard-linked in (Turbopack refuses a
 * symlinked one outside the project root), and built there. Nothing of those commits is
 * imported: they are only built and started. `removeAll()` stops a build in flight and removes
 * every worktree.
 */

const git = async (args: string[], env: Record<string, string> = {}) =>
  (await runToEnd("git", args, env)).trim();

/**
 * `command args` run in `dir`, as arguments for `startChild` (which spawns in this folder):
 * `next build` and `next start` must run in the worktree, with its `node_modules`.
 *
 * @example
 * startChild("app", ...inDir("/tmp/w", bin("next"), ["start"]), env);
 */
export function inDir(dir: string, command: string, args: string[]): [string, string[]] {
  return ["sh", ["-c", 'cd "$1" && shift && exec "$@"', "sh", dir, command, ...args]];
}

/** Whether `commit` reads `REDIS_URL` anywhere under `lib/`: it has the Redis session mode. */
function hasRedisMode(commit: string): boolean {
  return spawnSync("git", ["grep", "--quiet", "REDIS_URL", commit, "--", "lib"]).status === 0;
}

/** A ref to measure, and the commit its worktree checks out. */
export type RefSource = { ref: CompareRef; checkout: string };

export class CompareWorktrees {
  private readonly root = mkdtempSync(join(tmpdir(), "bench-compare-"));
  private readonly dirs: string[] = [];
  private build: ChildServer | undefined;

  /**
   * HEAD first (the working tree as it is: a commit made of its files, untracked ones included,
   * when they differ from HEAD's), then each ref once, each with its hash and subject.
   *
   * @example
   * const sources = await worktrees.resolve(["1db50a4", "9d9cc46"]);
   */
  async resolve(names: readonly string[]): Promise<RefSource[]> {
    const unique = [...new Set(names)].filter((name) => name !== HEAD);
    const head = await this.snapshotWorkingTree();
    const others = [];
    for (const name of unique) {
      const commit = await git(["rev-parse", "--verify", `${name}^{commit}`]).catch(() => {
        throw new Error(`${name} is not a commit of this repository.`);
      });
      others.push({ ref: await describe(name, commit, false, commit), checkout: commit });
    }
    return [head, ...others];
  }

  /**
   * Checks `source` out in a worktree of its own, hard-links `node_modules` into it and builds
   * it with `env`; resolves with the worktree's folder.
   */
  async checkOutAndBuild(source: RefSource, env: Record<string, string>): Promise<string> {
    const dir = join(this.root, `${this.dirs.length}-${source.ref.name.replace(/[^\w.-]/g, "_")}`);
    this.dirs.push(dir);
    await git(["worktree", "add", "--detach", dir, source.checkout]);
    await runToEnd("cp", ["-al", resolve("node_modules"), join(dir, "node_modules")], {});
    const name = `next build (${source.ref.name})`;
    this.build = startChild(name, ...inDir(dir, bin("next"), ["build"]), env);
    const { child, output } = this.build;
    const code = await new Promise<number | null>((done) => child.once("exit", done));
    this.build = undefined;
    if (code !== 0) throw new Error(`${name} exited with ${code}. Its last output:\n${output()}`);
    return dir;
  }

  /** Stops a build in flight and removes every worktree (their builds with them). */
  async removeAll(): Promise<void> {
    if (this.build) await stopChild(this.build);
    let stale = false;
    for (const dir of this.dirs) {
      await git(["worktree", "remove", "--force", "--force", dir]).catch(() => (stale = true));
    }
    rmSync(this.root, { recursive: true, force: true });
    // A worktree whose `add` was cut short leaves an entry whose folder is now gone.
    if (stale) await git(["worktree", "prune"]).catch(() => undefined);
  }

  /** The working tree's files as a commit (through an index of its own), or HEAD if the same. */
  private async snapshotWorkingTree(): Promise<RefSource> {
    const head = await git(["rev-parse", "HEAD"]);
    const env = { GIT_INDEX_FILE: join(this.root, "index") };
    await git(["read-tree", "HEAD"], env);
    await git(["add", "--all", "."], env);
    const tree = await git(["write-tree"], env);
    if (tree === (await git(["rev-parse", "HEAD^{tree}"]))) {
      return { ref: await describe(HEAD, head, false, head), checkout: head };
    }
    const message = "npm run bench:compare: the working tree";
    const checkout = await git(["commit-tree", tree, "-p", head, "-m", message], {
      GIT_AUTHOR_NAME: "bench",
      GIT_AUTHOR_EMAIL: "bench@localhost",
      GIT_COMMITTER_NAME: "bench",
      GIT_COMMITTER_EMAIL: "bench@localhost",
    });
    return { ref: await describe(HEAD, head, true, checkout), checkout };
  }
}

async function describe(
  name: string,
  commit: string,
  uncommitted: boolean,
  checkout: string,
): Promise<CompareRef> {
  const subject = await git(["log", "-1", "--format=%s", commit]);
  return { name, commit, subject, uncommitted, redisMode: hasRedisMode(checkout) };
}
