/**
 * Runs once when the server starts, before the first request: checks the environment.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkEnvOnStart } = await import("@/lib/env/check-env-on-start");
    await checkEnvOnStart();
  }
}
