import type { Context } from "koa";
import { z } from "zod";
import type { TenantStore } from "../tenant/state";
import { requireScope } from "./auth";
import { ManagementApiError } from "./errors";
import { parseBody } from "./http";

/** The factors Auth0 lists, in its order. */
const FACTORS = [
  "sms",
  "push-notification",
  "email",
  "duo",
  "otp",
  "webauthn-roaming",
  "webauthn-platform",
  "recovery-code",
] as const;

const setFactorBody = z.strictObject({ enabled: z.boolean() });

/**
 * `/api/v2/guardian/factors[/<name>]`: list the multi-factor factors, or turn one on or off
 * (`PUT`, `{ enabled }`). Locally only `otp` has an effect (it is the factor the issuer
 * implements); the others are kept as set. Answers undefined for what it does not serve.
 *
 * @example
 * const body = await guardianRoutes(ctx, tenant, scopes, ["factors", "otp"]);
 */
export async function guardianRoutes(
  ctx: Context,
  tenant: TenantStore,
  scopes: string[],
  path: readonly string[],
) {
  const [collection, name, ...rest] = path;
  if (collection !== "factors" || rest.length > 0) return undefined;
  if (ctx.method === "GET" && name === undefined) {
    requireScope(scopes, "read:guardian_factors");
    return FACTORS.map((factor) => ({
      name: factor,
      enabled: tenant.state.guardian_factors[factor] ?? false,
      trial_expired: false,
    }));
  }
  if (ctx.method === "PUT" && name !== undefined) {
    requireScope(scopes, "update:guardian_factors");
    if (!(FACTORS as readonly string[]).includes(name)) {
      throw new ManagementApiError(
        400,
        `Path validation error: 'String does not match pattern' on property name.`,
        "invalid_uri",
      );
    }
    const { enabled } = await parseBody(ctx, setFactorBody);
    tenant.update((draft) => void (draft.guardian_factors[name] = enabled));
    return { enabled };
  }
  return undefined;
}
