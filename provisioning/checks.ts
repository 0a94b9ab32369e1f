import { apis } from "@/config/apis";
import type { ServerEnv } from "@/lib/env/server-env";
import { appUrls, desiredApis, desiredGrantTypes, desiredPolicies } from "./desired";
import type { AppSnapshot } from "./plan";

/** One line of `auth0:check`: what was checked and, when it failed, how to fix it. */
export type CheckResult = { ok: boolean; label: string; fix?: string };

const SETUP = "or run npm run auth0:setup";

/**
 * Discovery answers within `timeoutMs`, and its `issuer` is exactly what the SDK expects
 * (trailing slash).
 *
 * @example
 * const { ok, label, fix } = await checkDiscovery(parseEnv(process.env), 3_000);
 */
export async function checkDiscovery(env: ServerEnv, timeoutMs = 10_000): Promise<CheckResult> {
  const url = `${env.issuerUrl}.well-known/openid-configuration`;
  const label = `discovery ${url}`;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    const { issuer } = (await response.json()) as { issuer?: unknown };
    if (issuer === env.issuerUrl) return { ok: true, label: `${label}: issuer ${env.issuerUrl}` };
    return {
      ok: false,
      label: `${label}: issuer is ${String(issuer)}, the SDK expects exactly ${env.issuerUrl}`,
      fix: "set AUTH0_DOMAIN to the domain in your tenant's issuer (a bare host, no https://)",
    };
  } catch (error) {
    return {
      ok: false,
      label: `${label} is unreachable (${error instanceof Error ? error.message : String(error)})`,
      fix:
        env.mode === "local"
          ? "start the local authorization server: npm run issuer (or npm run dev)"
          : "check AUTH0_DOMAIN: the tenant's domain, for example my-tenant.us.auth0.com",
    };
  }
}

/**
 * The app's client id and secret, probed with a refresh grant for a refresh token that does not
 * exist: `invalid_grant` means the credentials were accepted (nothing is issued either way).
 */
export async function checkClientCredentials(env: ServerEnv): Promise<CheckResult> {
  const response = await fetch(`${env.issuerUrl}oauth/token`, {
    method: "POST",
    body: new URLSearchParams({
      grant_type: "refresh_token",
      refresh_token: "auth0-check-probe",
      client_id: env.clientId,
      client_secret: env.clientSecret,
    }),
    signal: AbortSignal.timeout(10_000),
  }).catch(() => undefined);
  const { error } = ((await response?.json().catch(() => ({}))) ?? {}) as { error?: string };
  const label = `client credentials of ${env.clientId}`;
  if (error === "invalid_grant") return { ok: true, label: `${label} accepted` };
  if (error === "unauthorized_client") {
    return {
      ok: false,
      label: `${label}: the Refresh Token grant is not enabled`,
      fix: `enable it under Applications → Advanced Settings → Grant Types, ${SETUP}`,
    };
  }
  return {
    ok: false,
    label: `${label} refused (${response?.status ?? "no answer"} ${error ?? ""})`.trim(),
    fix: "copy AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET again from the application's Settings",
  };
}

/** What the Management API shows: URLs, grant types, APIs, policies, rotation, consent. */
export function checkTenant(env: ServerEnv, { apis: tenantApis, client }: AppSnapshot) {
  const results: CheckResult[] = [];
  const add = (ok: boolean, label: string, fix: string) =>
    results.push(ok ? { ok, label } : { ok, label, fix: `${fix}, ${SETUP}` });

  const { callbacks, logout } = appUrls(env.appBaseUrl);
  for (const callback of callbacks) {
    add(
      (client.callbacks ?? []).includes(callback),
      `callback URL ${callback} registered`,
      `add it to the application's Allowed Callback URLs`,
    );
  }
  add(
    (client.allowed_logout_urls ?? []).includes(logout),
    `logout URL ${logout} registered`,
    `add it to the application's Allowed Logout URLs`,
  );
  const grants = desiredGrantTypes.filter((grant) => !(client.grant_types ?? []).includes(grant));
  add(grants.length === 0, `grant types ${desiredGrantTypes.join(", ")}`, `enable ${grants}`);

  const inPolicy = new Set(desiredPolicies.map((policy) => policy.audience));
  for (const want of desiredApis) {
    const api = tenantApis.find((candidate) => candidate.identifier === want.identifier);
    const have = (api?.scopes ?? []).map((scope) => scope.value);
    const absent = want.scopes.filter((scope) => !have.includes(scope));
    add(
      Boolean(api) && absent.length === 0,
      `API ${want.identifier} with scopes ${want.scopes.join(" ")}`,
      api
        ? `add the scopes ${absent.join(" ")} under APIs → ${want.name} → Permissions`
        : `create the API ${want.name} with identifier ${want.identifier}`,
    );
    if (!api) continue;
    if (inPolicy.has(want.identifier)) {
      add(
        api.allow_offline_access === true,
        `API ${want.identifier} allows offline access`,
        `turn on Allow Offline Access under APIs → ${want.name} → Settings (without it no ` +
          "refresh token is issued for it)",
      );
    }
    const dpop = want.proofOfPossession;
    if (dpop) {
      const pop = api.proof_of_possession;
      add(
        pop?.mechanism === dpop.mechanism && pop.required === dpop.required,
        `API ${want.identifier} accepts only DPoP-bound tokens`,
        `under APIs → ${want.name} → Settings, turn on Sender Constraining with DPoP, required`,
      );
    }
    add(
      api.skip_consent_for_verifiable_first_party_clients === true &&
        client.is_first_party !== false,
      `API ${want.identifier} skips consent for first-party applications`,
      `turn on Allow Skipping User Consent under APIs → ${want.name} → Settings (MRRT needs it)`,
    );
  }

  const policies = client.refresh_token?.policies ?? [];
  for (const want of desiredPolicies) {
    const scopes = policies.find((policy) => policy.audience === want.audience)?.scope ?? [];
    const absent = want.scope.filter((scope) => !scopes.includes(scope));
    add(
      absent.length === 0,
      `refresh token policy covers ${want.audience} (${want.scope.join(" ")})`,
      `add { audience: "${want.audience}", scope: ${JSON.stringify(want.scope)} } to the ` +
        "application's refresh_token.policies (Management API only). This is the silent-fallback " +
        `trap: without it Auth0 ignores audience=${want.audience} on a refresh and answers with a ` +
        `token for the login audience (${apis.profile.audience}); nothing fails until the API ` +
        "rejects that token",
    );
  }

  const rotation = client.refresh_token;
  add(
    rotation?.rotation_type === "rotating",
    `refresh token rotation on (reuse interval ${rotation?.leeway ?? 0} s)`,
    "turn on Refresh Token Rotation in the application's settings",
  );
  return results;
}
