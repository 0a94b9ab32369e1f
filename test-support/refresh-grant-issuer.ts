import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { apis } from "@/config/apis";
import { localClient } from "@/config/local-client";
import { defaultRefreshTokenPolicies, type RefreshTokenPolicy } from "@/local-issuer/config";
import type { LoginGrant } from "@/local-issuer/oauth/mrrt-policy";
import { seedTenant } from "@/local-issuer/tenant/seed";
import { TenantStore } from "@/local-issuer/tenant/state";
import { startLocalTestIssuer, type LocalTestIssuer } from "./issuer-fixture";
import { appBaseUrl, login, loginScope } from "./oauth-flow";

/** The local issuer with one signed-in user: what the refresh grant's property asks. */
export type RefreshGrantIssuer = {
  issuer: LocalTestIssuer;
  /** The user's refresh token: without rotation it stays the same for every grant. */
  refreshToken: string;
  /** The access token of the sign-in: a valid token of the wrong kind to offer as a refresh token. */
  accessToken: string;
  /** What the refresh token carries from the sign-in (Profile API, `loginScope`). */
  login: LoginGrant;
  /** The client's MRRT policies, as the issuer applies them. */
  policies: readonly RefreshTokenPolicy[];
};

/**
 * Starts the real local issuer in this process, as the contract tests do, with the demo client's
 * refresh token rotation turned off (a tenant setting, as `PATCH /api/v2/clients` would make it):
 * with rotation every successful grant stores a new refresh token, and the issuer writes its
 * whole state file on every change, so ten thousand grants would take minutes. Then signs the
 * demo user in for the Profile API.
 *
 * @example
 * const { issuer, refreshToken } = await startRefreshGrantIssuer();
 * await issuer.dispose();
 */
export async function startRefreshGrantIssuer(): Promise<RefreshGrantIssuer> {
  const policies = defaultRefreshTokenPolicies;
  const stateDir = mkdtempSync(join(tmpdir(), "local-issuer-refresh-grant-"));
  const seed = () =>
    seedTenant({ kind: "default", appBaseUrls: [appBaseUrl], reuseInterval: 0, policies });
  new TenantStore(join(stateDir, "tenant.json"), seed, () => {}).update((tenant) => {
    const app = tenant.clients.find((client) => client.client_id === localClient.clientId);
    assert.ok(app, "the default tenant has the demo client");
    app.refresh_token.rotation_type = "non-rotating";
  });
  const issuer = await startLocalTestIssuer({ stateDir });
  const { status, body } = await login(issuer.url, { audience: apis.profile.audience });
  assert.equal(status, 200, JSON.stringify(body));
  assert.ok(body.refresh_token && body.access_token, "the sign-in returns both tokens");
  return {
    issuer,
    refreshToken: body.refresh_token,
    accessToken: body.access_token,
    login: { audience: apis.profile.audience, scopes: loginScope.split(" ") },
    policies,
  };
}
