import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { appEnv, distDir } from "./config";
import { bin, runToEnd } from "@/test-support/processes";

/**
 * Files `next build` rewrites to point at its output folder, each with a test of whether the
 * build is all that changed them since: `tsconfig.json` (tracked) gains `.next-bench/…` include
 * entries; `next-env.d.ts` (generated, git-ignored, rewritten by every build and `next dev`)
 * imports `./.next-bench/types/…` instead of the folder it named before.
 */
const GUARDED_FILES: Record<string, (now: string, original: string) => boolean> = {
  "tsconfig.json": (now, original) =>
    withoutDistDirEntries(now) === withoutDistDirEntries(original),
  "next-env.d.ts": (now) => now.includes(`./${distDir}/`),
};

/**
 * Builds the app into `.next-bench`, then puts `tsconfig.json` and `next-env.d.ts` back as they
 * were if the build changed nothing else in them: the benchmark's folder must not end up in the
 * project's configuration. A file someone else edited during the build is left alone.
 *
 * @example
 * await buildApp(); // .next-bench/ holds a production build
 */
export async function buildApp(): Promise<void> {
  const before = Object.keys(GUARDED_FILES).map((file) => ({ file, text: readIfExists(file) }));
  try {
    await runToEnd(bin("next"), ["build"], appEnv());
  } finally {
    for (const { file, text } of before) restore(file, text);
  }
}

function readIfExists(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, "utf8") : undefined;
}

function restore(file: string, original: string | undefined): void {
  const now = readIfExists(file);
  if (original === undefined || now === undefined || now === original) return;
  if (GUARDED_FILES[file]?.(now, original)) writeFileSync(file, original);
  else console.warn(`[bench] ${file} was edited during the build; left as it is now.`);
}

/**
 * `tsconfig.json` as canonical JSON without the entries that name the benchmark's folder.
 *
 * @example
 * withoutDistDirEntries('{"include":["a.ts",".next-bench/types/**\/*.ts"]}');
 * // '{"include":["a.ts"]}'
 */
export function withoutDistDirEntries(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), (key, value: unknown) =>
      (key === "include" || key === "exclude") && Array.isArray(value)
        ? value.filter((entry) => !(typeof entry === "string" && entry.startsWith(distDir)))
        : value,
    );
  } catch {
    return text; // not plain JSON (comments): compared as text, so never overwritten
  }
}
