import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * The installed SDK's internal modules, for tests and the benchmark that compare the app with
 * what the SDK itself does: its package exports list neither them nor `package.json`, so they are
 * read by path, next to its `./server` entry point. Never for the app's own code.
 */
const serverDir = () =>
  dirname(createRequire(import.meta.url).resolve("@auth0/nextjs-auth0/server"));

/**
 * Imports `dist/server/<file>` of the installed SDK, checked by `isModule`.
 *
 * @example
 * const cookies = await sdkServerModule("cookies.js", isSdkCookies);
 */
export async function sdkServerModule<T>(
  file: string,
  isModule: (loaded: unknown) => loaded is T,
): Promise<T> {
  const path = join(serverDir(), file);
  const loaded: unknown = await import(pathToFileURL(path).href);
  if (!isModule(loaded)) throw new Error(`${path} does not export what was expected.`);
  return loaded;
}

/**
 * The installed SDK's version.
 *
 * @example
 * sdkVersion(); // "4.30.0"
 */
export function sdkVersion(): string {
  const manifest: unknown = JSON.parse(
    readFileSync(join(serverDir(), "../../package.json"), "utf8"),
  );
  return typeof manifest === "object" && manifest !== null && "version" in manifest
    ? String(manifest.version)
    : "unknown";
}
