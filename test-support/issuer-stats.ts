import type { IssuerStatsSnapshot } from "@/local-issuer/stats/issuer-stats";

/**
 * The local issuer's grant counters (`GET /__test/stats`, on with `LOCAL_ISSUER_TEST_ENDPOINTS`).
 * The URL is a parameter: the end-to-end suite and the benchmark each run an issuer of their own.
 *
 * @example
 * const before = await issuerStats("http://localhost:4401");
 */
export async function issuerStats(issuerUrl: string): Promise<IssuerStatsSnapshot> {
  const response = await fetch(`${issuerUrl}/__test/stats`);
  if (!response.ok) throw new Error(`${issuerUrl}/__test/stats answered ${response.status}`);
  return (await response.json()) as IssuerStatsSnapshot;
}

/** What the issuer did between two snapshots (see {@link statsDelta}). */
export type IssuerStatsDelta = {
  /** Successful refresh_token grants, by audience. */
  refreshGrants: Record<string, number>;
  /** Failed refresh_token grants, any error. */
  refreshErrors: number;
  invalidGrant: number;
  revokedGrants: number;
};

const sum = (counts: Record<string, number> = {}) =>
  Object.values(counts).reduce((total, n) => total + n, 0);

/**
 * What happened at the issuer between two snapshots: refresh grants by audience, failed
 * refresh grants, `invalid_grant` answers and revoked grants.
 *
 * @example
 * statsDelta(before, after).refreshGrants["https://orders-api.example.com"]; // 4
 */
export function statsDelta(
  before: IssuerStatsSnapshot,
  after: IssuerStatsSnapshot,
): IssuerStatsDelta {
  const grantsBefore = before.grants.refresh_token ?? {};
  const refreshGrants = Object.fromEntries(
    Object.entries(after.grants.refresh_token ?? {}).map(([audience, n]) => [
      audience,
      n - (grantsBefore[audience] ?? 0),
    ]),
  );
  return {
    refreshGrants,
    refreshErrors: sum(after.errors.refresh_token) - sum(before.errors.refresh_token),
    invalidGrant: after.invalidGrant - before.invalidGrant,
    revokedGrants: after.revokedGrants - before.revokedGrants,
  };
}

/**
 * Every refresh grant of a delta, whatever the audience.
 *
 * @example
 * expect(refreshGrantsIn(statsDelta(before, after))).toBe(0);
 */
export function refreshGrantsIn(delta: IssuerStatsDelta): number {
  return sum(delta.refreshGrants);
}
