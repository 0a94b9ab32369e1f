/**
 * Runs once when the server starts, before the first request. The check lives in its own module
 * because it uses Node.js APIs that the Edge build of this file may not reference.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    await import("./lib/check-env-on-start");
  }
}
