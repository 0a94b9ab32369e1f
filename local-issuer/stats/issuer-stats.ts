import type { KoaContextWithOIDC, Provider } from "oidc-provider";

/** The counters served at `GET /__test/stats` when test endpoints are enabled. */
export type IssuerStatsSnapshot = {
  /** Successful token grants: grant type, then audience (`(userinfo)` for opaque tokens). */
  grants: Record<string, Record<string, number>>;
  /** Failed token grants: grant type, then OAuth error code. */
  errors: Record<string, Record<string, number>>;
  invalidGrant: number;
  /** Grants revoked for any reason: refresh token reuse, logout, the revocation endpoint. */
  revokedGrants: number;
  refreshTokenReuse: { withinInterval: number; revoked: number };
  /** Refresh token grants by the MRRT rule that decided them. */
  mrrtRules: Record<string, number>;
};

const increment = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/**
 * Counts what the token endpoint does and writes one short log line per token grant, so the dev
 * terminal shows every refresh, its audience and its outcome.
 *
 * @example
 * const stats = new IssuerStats();
 * stats.listen(provider, console.log);
 * stats.snapshot().invalidGrant; // 0
 */
export class IssuerStats {
  private readonly counts: IssuerStatsSnapshot = {
    grants: {},
    errors: {},
    invalidGrant: 0,
    revokedGrants: 0,
    refreshTokenReuse: { withinInterval: 0, revoked: 0 },
    mrrtRules: {},
  };
  /** Extra words for a request's log line, e.g. which MRRT rule applied. */
  private readonly notes = new WeakMap<object, string[]>();

  note(ctx: KoaContextWithOIDC, text: string): void {
    this.notes.set(ctx, [...(this.notes.get(ctx) ?? []), text]);
  }

  countRule(rule: number): void {
    increment(this.counts.mrrtRules, `rule ${rule}`);
  }

  countReuse(outcome: "within-interval" | "revoked"): void {
    if (outcome === "revoked") this.counts.refreshTokenReuse.revoked += 1;
    else this.counts.refreshTokenReuse.withinInterval += 1;
  }

  snapshot(): IssuerStatsSnapshot {
    return structuredClone(this.counts);
  }

  listen(provider: Provider, log: (line: string) => void): void {
    const grantType = (ctx: KoaContextWithOIDC) => String(ctx.oidc.params?.grant_type ?? "?");
    const notes = (ctx: KoaContextWithOIDC) =>
      (this.notes.get(ctx) ?? []).map((note) => `; ${note}`).join("");

    provider.on("grant.success", (ctx) => {
      const token = ctx.oidc.entities.AccessToken;
      const audience = token?.resourceServer?.audience ?? "(userinfo)";
      increment((this.counts.grants[grantType(ctx)] ??= {}), audience);
      log(
        `token ${grantType(ctx)}: ok, aud ${audience}, scope "${token?.scope ?? ""}"${notes(ctx)}`,
      );
    });
    provider.on("grant.error", (ctx, error) => {
      increment((this.counts.errors[grantType(ctx)] ??= {}), error.error);
      if (error.error === "invalid_grant") this.counts.invalidGrant += 1;
      const detail = error.error_description ? ` (${error.error_description})` : "";
      log(`token ${grantType(ctx)}: ${error.error}${detail}${notes(ctx)}`);
    });
    provider.on("grant.revoked", (_ctx, grantId) => {
      this.counts.revokedGrants += 1;
      log(`grant ${grantId} revoked: all of its refresh tokens stop working`);
    });
    provider.on("authorization.error", (_ctx, error) => {
      log(`authorize: ${error.error} (${error.error_description ?? "no description"})`);
    });
    provider.on("backchannel.success", (_ctx, client, accountId, sid) => {
      log(
        `back-channel logout of ${accountId} (sid ${sid}) sent to ${client.backchannelLogoutUri}`,
      );
    });
    provider.on("backchannel.error", (_ctx, error, client) => {
      log(`back-channel logout to ${client.backchannelLogoutUri} failed: ${error.message}`);
    });
    provider.on("server_error", (ctx, error) => {
      log(`server error at ${ctx.method} ${ctx.path}: ${error.stack ?? error.message}`);
    });
  }
}
