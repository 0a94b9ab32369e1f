/**
 * The `KEY=value` lines that `npm run auth0:setup` prints for `.env.local`, as a record: what a
 * user copies, read the same way by the unit test and the end-to-end spec.
 *
 * @example
 * parseEnvLines("  AUTH0_DOMAIN=my-tenant.us.auth0.com"); // { AUTH0_DOMAIN: "my-tenant.us.auth0.com" }
 */
export function parseEnvLines(output: string): Record<string, string> {
  const pairs = [...output.matchAll(/^\s+([A-Z0-9_]+)=(\S+)$/gm)];
  return Object.fromEntries(pairs.map(([, key = "", value = ""]) => [key, value]));
}
