import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Writes a file so that readers see either the old or the new content, never half of it: the
 * data goes to a temporary file next to the target, which is then renamed over it (a rename
 * within one directory is atomic). Synchronous on purpose: concurrent requests cannot interleave
 * their writes, and the files are small.
 *
 * @example
 * writeFileAtomic(".local-issuer/state.json", JSON.stringify(state), 0o600);
 */
export function writeFileAtomic(path: string, data: string, mode = 0o600): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, data, { mode });
  renameSync(temporary, path);
}
