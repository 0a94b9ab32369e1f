import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { localClient } from "@/config/local-client";
import { serverEnv } from "@/lib/env/server-env";

/** The lines of a source file between `// #region <name>` and `// #endregion`, as shown on a page. */
export type Snippet = {
  file: string;
  /** 1-based, inclusive: the first and last line of code shown (markers excluded). */
  startLine: number;
  endLine: number;
  code: string;
};

/** Folders whose files a page may show; nothing else of the server's disk is readable. */
const SHOWABLE = [
  "app/",
  "components/",
  "lib/",
  "config/",
  "local-issuer/",
  "provisioning/",
  "proxy.ts",
];

/** Whether `file` (relative to the project root) may be shown to visitors. */
export function isShowable(file: string): boolean {
  const normal = path.posix.normalize(file);
  return (
    !normal.startsWith("..") &&
    !path.posix.isAbsolute(normal) &&
    // A folder holds what is under it; a file (proxy.ts) is itself only, not a prefix.
    SHOWABLE.some((shown) => (shown.endsWith("/") ? normal.startsWith(shown) : normal === shown)) &&
    /\.(ts|tsx|css)$/.test(normal)
  );
}

/**
 * Reads a whole project file for display. Throws for files outside the showable folders, and for
 * any file that holds one of the secrets in use (the cookie secret, the client secret, the local
 * client's): whatever a future edit puts where, the viewer cannot serve it.
 */
export async function readSource(file: string): Promise<string> {
  if (!isShowable(file)) throw new Error(`${file} is not a showable source file`);
  // Read at request time from the project folder; the bundler must not try to trace it.
  const source = await readFile(path.join(/* turbopackIgnore: true */ process.cwd(), file), "utf8");
  const env = serverEnv();
  const secrets = [
    env.secret,
    env.clientSecret,
    localClient.clientSecret,
    localClient.cookieSecret,
  ];
  if (secrets.some((secret) => source.includes(secret))) {
    throw new Error(`${file} holds a secret and is never shown`);
  }
  return source;
}

/**
 * Cuts a named region out of a source text and removes its common indentation.
 *
 * @example
 * extractRegion("a.ts", "x\n// #region demo\n  f();\n// #endregion\n", "demo");
 * // → { file: "a.ts", startLine: 3, endLine: 3, code: "f();" }
 */
export function extractRegion(file: string, source: string, region: string): Snippet {
  const lines = source.split("\n");
  const start = lines.findIndex((line) => line.trim() === `// #region ${region}`);
  const end = lines.findIndex((line, index) => index > start && line.trim() === "// #endregion");
  if (start === -1 || end === -1) {
    throw new Error(`${file} has no region "${region}" (// #region ${region} … // #endregion)`);
  }
  const body = lines.slice(start + 1, end);
  const indent = Math.min(
    ...body.filter((line) => line.trim()).map((line) => line.length - line.trimStart().length),
  );
  return {
    file,
    startLine: start + 2,
    endLine: end,
    code: body.map((line) => line.slice(indent)).join("\n"),
  };
}

/**
 * Reads the named region of a project file, so a page shows the very code that ran.
 *
 * @example
 * const snippet = await readSnippet("components/demos/basic-usage.tsx", "get-token");
 */
export async function readSnippet(file: string, region: string): Promise<Snippet> {
  return extractRegion(file, await readSource(file), region);
}
