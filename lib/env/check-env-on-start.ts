import { EnvError, parseEnv } from "@/lib/env/server-env";

/**
 * Stops the server when the configuration cannot work, with a message that names each variable
 * and its fix, instead of failing later on the first sign-in. Its own module because it uses
 * Node.js APIs that the Edge build of `instrumentation.ts` may not reference.
 *
 * @example
 * if (process.env.NEXT_RUNTIME === "nodejs") await checkEnvOnStart();
 */
export async function checkEnvOnStart(): Promise<void> {
  try {
    parseEnv(process.env);
    // The public values are checked as their module loads. `next build` has already refused a
    // bad one; only `next dev`, which reads them now, can get here with one.
    await import("@/lib/env/public-env");
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(`\n${error.message}\n`);
    process.exit(1);
  }
}
