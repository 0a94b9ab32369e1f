/**
 * The request bodies of the Management API subset, as zod schemas. Strict, as Auth0's are: an
 * unknown property is a 400 ("Additional properties not allowed").
 */
import { z } from "zod";
import { MFA_OTP_GRANT } from "@/local-issuer/config";
import { clientSchema, refreshTokenSchema, resourceServerSchema } from "../tenant/state";

const scopes = z.array(
  z.strictObject({ value: z.string().min(1), description: z.string().optional() }),
);
const apiSettings = resourceServerSchema
  .pick({
    name: true,
    signing_alg: true,
    allow_offline_access: true,
    skip_consent_for_verifiable_first_party_clients: true,
    proof_of_possession: true,
  })
  .extend({ scopes })
  .partial()
  .strict();

export const createResourceServerBody = apiSettings.extend({
  identifier: z.url({ error: "must be a URI" }),
});

/** The identifier cannot change: Auth0 answers an unknown (additional) property. */
export const updateResourceServerBody = apiSettings;

const grantTypes = z.enum([
  "authorization_code",
  "implicit",
  "refresh_token",
  "client_credentials",
  "password",
  "urn:ietf:params:oauth:grant-type:device_code",
  MFA_OTP_GRANT,
]);

const clientSettings = clientSchema
  .pick({ name: true, callbacks: true, allowed_logout_urls: true })
  .extend({
    grant_types: z.array(grantTypes),
    refresh_token: refreshTokenSchema
      .extend({
        leeway: refreshTokenSchema.shape.leeway.optional(),
        policies: z
          .array(z.strictObject({ audience: z.string().min(1), scope: z.array(z.string()) }))
          .optional(),
      })
      .strict()
      .refine(
        (settings) =>
          settings.rotation_type !== "rotating" || settings.expiration_type === "expiring",
        { error: "rotating refresh tokens must be expiring", path: ["expiration_type"] },
      ),
  })
  .partial()
  .strict();

export const updateClientBody = clientSettings;

/** `POST /api/v2/clients`: `name` is required, the rest has Auth0's defaults. */
export const createClientBody = clientSettings.extend({
  name: z.string().min(1, { error: "String is too short (0 chars), minimum 1" }),
  app_type: clientSchema.shape.app_type.optional(),
  token_endpoint_auth_method: clientSchema.shape.token_endpoint_auth_method,
  is_first_party: z.boolean().optional(),
  oidc_conformant: z.boolean().optional(),
});
