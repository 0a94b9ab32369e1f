/** The `NODE_ENV`s that are not production. Anything else is, unset and misspelt included. */
const NOT_PRODUCTION = new Set(["development", "test"]);

/**
 * Whether the app runs in production, where the guards fail closed. Production is any `NODE_ENV`
 * but `development` and `test`: a `staging`, a `prod` or a missing one must not run on the
 * committed local secrets. `next build` is the exception: it prerenders with
 * `NODE_ENV=production` but without the runtime's variables, and `next start` checks them
 * (`instrumentation.ts`).
 *
 * @example
 * isProduction({ NODE_ENV: "staging" }); // true
 * isProduction({ NODE_ENV: "development" }); // false
 */
export function isProduction(source: Record<string, string | undefined>): boolean {
  if (source.NEXT_PHASE === "phase-production-build") return false;
  // Exactly as Next.js compares it: " test" or "Development" is not test or development there.
  return !NOT_PRODUCTION.has(source.NODE_ENV ?? "");
}

/**
 * Why a message says "production": `NODE_ENV` as it was set.
 *
 * @example
 * productionReason("staging"); // 'NODE_ENV is "staging", which counts as production (…)'
 */
export function productionReason(nodeEnv: string | undefined): string {
  if (nodeEnv?.toLowerCase() === "production") return "NODE_ENV is production";
  const value = nodeEnv === undefined ? "not set" : `"${nodeEnv}"`;
  return `NODE_ENV is ${value}, which counts as production (only development and test do not)`;
}
