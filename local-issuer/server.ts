import "./runtime-warning";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import Provider from "oidc-provider";
import { localClient } from "@/config/local-client";
import {
  defaultRefreshTokenPolicies,
  MFA_TOKEN_TTL_SECONDS,
  type RefreshTokenPolicy,
} from "./config";
import { productionRefusal } from "./env";
import { managementApi } from "./management/routes";
import { mfaApi } from "./mfa/mfa-api";
import { registerMfaOtpGrant } from "./mfa/mfa-otp-grant";
import { mfaRequiredBody } from "./mfa/mfa-required";
import { registerClientCredentialsGrant } from "./oauth/client-credentials-grant";
import { bindCodeExchangeRefreshToken } from "./oauth/dpop";
import { keepOfflineAccess } from "./oauth/offline-access-prompt";
import { auth0Routes, providerConfiguration } from "./oauth/provider-config";
import { registerRefreshGrant } from "./oauth/refresh-grant";
import { userinfoForJwtAccessTokens } from "./oauth/userinfo-jwt";
import { interactionRoutes } from "./pages/interactions";
import { IssuerStats } from "./stats/issuer-stats";
import { testEndpoints } from "./stats/test-endpoints";
import { FileStore } from "./storage/file-store";
import { loadOrCreateKeys } from "./storage/keys";
import { seedTenant } from "./tenant/seed";
import { TenantStore } from "./tenant/state";

export type StartIssuerOptions = {
  /** Port to listen on; 0 picks a free one. The issuer is `http://localhost:<port>/`. */
  port: number;
  /** Folder for the signing key and state; created when missing. */
  stateDir: string;
  /** App base URLs to redirect to (`<url>/auth/callback`) and log out to. Default :3000. */
  appBaseUrls?: readonly string[];
  /** Access token lifetime in seconds. Default 600. */
  accessTokenTtl?: number;
  /** Seconds during which a rotated refresh token still works (Auth0's leeway). Default 0. */
  reuseInterval?: number;
  /** Refuse an `audience` outside the MRRT policy instead of ignoring it. Default false. */
  strict?: boolean;
  /** The client's Multi-Resource Refresh Token policy. Default: profile and orders APIs. */
  policies?: readonly RefreshTokenPolicy[];
  /**
   * The tenant to start from when the state folder has no `tenant.json` (what the Management API
   * wrote): `default` for the demo app, `empty` for a tenant nothing was set up in. The app base
   * URLs, reuse interval and policies above only shape the default tenant. Default `default`.
   */
  tenant?: "default" | "empty";
  /** Seconds an `mfa_token` stays usable. Default 600, Auth0's (tests shorten it). */
  mfaTokenTtl?: number;
  /** Serve `GET /__test/stats`. Default false. */
  testEndpoints?: boolean;
  /** Where log lines go. Default `console.log` with a `[local-issuer]` prefix. */
  log?: (line: string) => void;
};

export type RunningIssuer = {
  /** The issuer identifier, `http://localhost:<port>/` (trailing slash, as Auth0's). */
  url: string;
  port: number;
  /** Counters of token grants, as served by `/__test/stats`. */
  stats: IssuerStats;
  close(): Promise<void>;
};

/**
 * Starts the local Auth0-compatible authorization server and resolves once it listens.
 *
 * @example
 * const issuer = await startIssuer({ port: 0, stateDir: "/tmp/issuer" });
 * console.log(issuer.url); // http://localhost:41234/
 * await issuer.close();
 */
export async function startIssuer(options: StartIssuerOptions): Promise<RunningIssuer> {
  const refusal = productionRefusal(process.env.NODE_ENV);
  if (refusal) throw new Error(refusal);
  const log = options.log ?? ((line: string) => console.log(`[local-issuer] ${line}`));
  const accessTokenTtl = options.accessTokenTtl ?? 600;

  const keys = await loadOrCreateKeys(join(options.stateDir, "keys.json"), log);
  const store = new FileStore(join(options.stateDir, "state.json"), log);
  const stats = new IssuerStats();
  const appBaseUrls = options.appBaseUrls ?? [localClient.defaultAppBaseUrl];
  const tenant = new TenantStore(
    join(options.stateDir, "tenant.json"),
    () =>
      seedTenant({
        kind: options.tenant ?? "default",
        appBaseUrls,
        reuseInterval: options.reuseInterval ?? 0,
        policies: options.policies ?? defaultRefreshTokenPolicies,
      }),
    log,
  );

  // The port must be known before the provider exists: the issuer URL contains it.
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "localhost", resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://localhost:${port}/`;

  const provider = new Provider(
    url,
    providerConfiguration({
      issuer: url,
      keys,
      store,
      appBaseUrls,
      accessTokenTtl,
      tenant,
    }),
  );
  registerRefreshGrant(provider, {
    tenant,
    strict: options.strict ?? false,
    accessTokenTtl,
    store,
    stats,
    mfaTokenTtl: options.mfaTokenTtl ?? MFA_TOKEN_TTL_SECONDS,
  });
  registerClientCredentialsGrant(provider, { issuer: url, tenant });
  registerMfaOtpGrant(provider, { tenant, store, accessTokenTtl });
  stats.listen(provider, log);
  if (options.testEndpoints) provider.use(testEndpoints(stats));
  provider.use(mfaRequiredBody());
  provider.use(bindCodeExchangeRefreshToken());
  provider.use(mfaApi(provider, store));
  provider.use(managementApi({ issuer: url, keys, tenant }));
  provider.use(keepOfflineAccess(auth0Routes.authorization, tenant));
  provider.use(userinfoForJwtAccessTokens({ issuer: url, keys, path: auth0Routes.userinfo }));
  provider.use(interactionRoutes(provider, log, store, tenant));
  server.on("request", provider.callback());

  return {
    url,
    port,
    stats,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
