/**
 * The tenant's settings that Auth0's Management API changes: the APIs (resource servers), the
 * applications (clients) with their callback and logout URLs, grant types and refresh token
 * settings (rotation, reuse interval, MRRT policies), the multi-factor factors, and the Actions
 * with the post-login trigger's bindings. The provider, the refresh grant and the
 * Management API all read the one {@link TenantStore}, so a change applies to the next request.
 */
import { existsSync, readFileSync } from "node:fs";
import { z } from "zod";
import { writeFileAtomic } from "../storage/atomic-write";

const url = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });

export const resourceServerSchema = z.object({
  /** Auth0's id (24 hex characters); the API's `identifier` is its audience. */
  id: z.string(),
  name: z.string(),
  identifier: z.string().min(1),
  scopes: z.array(z.object({ value: z.string().min(1), description: z.string() })),
  signing_alg: z.literal("RS256"),
  allow_offline_access: z.boolean(),
  skip_consent_for_verifiable_first_party_clients: z.boolean(),
  /**
   * Auth0's sender constraining: with `required`, tokens for this API are issued only bound to
   * the client's key (DPoP: only with a `DPoP` proof at the token endpoint).
   */
  proof_of_possession: z
    .object({ mechanism: z.enum(["mtls", "dpop"]), required: z.boolean() })
    .optional(),
});

export const refreshTokenSchema = z.object({
  rotation_type: z.enum(["rotating", "non-rotating"]),
  expiration_type: z.enum(["expiring", "non-expiring"]),
  /** The reuse interval: seconds a rotated refresh token still works. */
  leeway: z.number().int().min(0),
  /** Multi-Resource Refresh Token policies: which audiences and scopes a refresh may obtain. */
  policies: z.array(z.object({ audience: z.string().min(1), scope: z.array(z.string()) })),
});

export const clientSchema = z.object({
  client_id: z.string(),
  /**
   * Only for applications created through the Management API (generated, as Auth0 does); the
   * demo app's and the machine-to-machine application's secrets are in `config/`.
   */
  client_secret: z.string().optional(),
  name: z.string(),
  app_type: z.enum(["regular_web", "non_interactive"]),
  token_endpoint_auth_method: z.enum(["client_secret_post", "client_secret_basic"]).optional(),
  is_first_party: z.boolean(),
  oidc_conformant: z.boolean().optional(),
  callbacks: z.array(url),
  allowed_logout_urls: z.array(url),
  grant_types: z.array(z.string()),
  refresh_token: refreshTokenSchema,
});

export const actionSchema = z.object({
  id: z.string(),
  name: z.string().min(1),
  supported_triggers: z.array(z.object({ id: z.string(), version: z.string() })),
  code: z.string(),
  runtime: z.string(),
  /** The code of the last deployed version; none until the first deploy. */
  deployed_code: z.string().optional(),
  created_at: z.string(),
  updated_at: z.string(),
});

export const bindingSchema = z.object({
  id: z.string(),
  action_id: z.string(),
  display_name: z.string(),
});

const tenantSchema = z.object({
  resource_servers: z.array(resourceServerSchema),
  clients: z.array(clientSchema),
  /** Multi-factor factors by name (`otp`, `sms`, …): enabled or not. */
  guardian_factors: z.record(z.string(), z.boolean()).default({}),
  actions: z.array(actionSchema).default([]),
  /** The post-login trigger's flow, in order (the only trigger this subset serves). */
  post_login_bindings: z.array(bindingSchema).default([]),
});

export type ResourceServerRecord = z.infer<typeof resourceServerSchema>;
export type ClientRecord = z.infer<typeof clientSchema>;
export type ActionRecord = z.infer<typeof actionSchema>;
export type Tenant = z.infer<typeof tenantSchema>;

/**
 * The tenant, kept in memory and in `tenant.json` in the issuer's state folder. The file is only
 * written when the Management API changes something: until then the tenant is the seed (built
 * from the issuer's options), so the options keep working as they always did.
 *
 * @example
 * const tenant = new TenantStore(".local-issuer/tenant.json", () => seedTenant(options), log);
 * tenant.update((draft) => void (draft.resource_servers = []));
 */
export class TenantStore {
  #state: Tenant;

  constructor(
    private readonly file: string,
    seed: () => Tenant,
    log: (line: string) => void,
  ) {
    if (existsSync(file)) {
      this.#state = tenantSchema.parse(JSON.parse(readFileSync(file, "utf8")));
      log(
        `tenant settings from ${file} (changed through the Management API): they take ` +
          "precedence over the options; delete the file to start from the options again",
      );
    } else {
      this.#state = seed();
    }
  }

  /** The current tenant. Read it on every request: a Management API call may change it. */
  get state(): Readonly<Tenant> {
    return this.#state;
  }

  client(clientId: string): ClientRecord | undefined {
    return this.#state.clients.find((client) => client.client_id === clientId);
  }

  /** The API with this identifier (audience), or undefined. */
  api(identifier: string): ResourceServerRecord | undefined {
    return this.#state.resource_servers.find((api) => api.identifier === identifier);
  }

  /** Applies a change to a copy, validates it and only then makes it current and saves it. */
  update(change: (draft: Tenant) => void): void {
    const draft = structuredClone(this.#state);
    change(draft);
    this.#state = tenantSchema.parse(draft);
    writeFileAtomic(this.file, JSON.stringify(this.#state, null, 2));
  }
}
