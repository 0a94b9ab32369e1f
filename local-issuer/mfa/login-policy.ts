import { interactionPolicy, type KoaContextWithOIDC } from "oidc-provider";
import { MFA_ACR } from "@/local-issuer/config";
import type { TenantStore } from "@/local-issuer/tenant/state";
import { stepUpRulesOf, type StepUpRules } from "./step-up";

/** The login prompt's reason when a signed-in user still has to give a one-time code. */
export const MFA_STEP_UP_REASON = "mfa_step_up";

/**
 * Whether an `/authorize` request needs MFA: `acr_values` names Auth0's multi-factor policy
 * (what `mfa.challengeWithPopup` sends), or `scope` asks for a step-up scope of the `audience`
 * or of a `resource` (a login must not hand out what a refresh would refuse without MFA).
 *
 * @example
 * wantsMfa({ acr_values: "http://schemas.openid.net/pape/policies/2007/06/multi-factor" }, {}); // true
 */
export function wantsMfa(params: Record<string, unknown> | undefined, rules: StepUpRules): boolean {
  const words = (value: unknown) => (typeof value === "string" ? value.split(" ") : []);
  if (words(params?.acr_values).includes(MFA_ACR)) return true;
  // The API the token will be for: `audience` (Auth0's name) or an RFC 8707 `resource`, which
  // oidc-provider honours too, so both count; a step-up scope of any of them needs the code.
  const apis = [params?.audience, params?.resource].flat().filter((api) => typeof api === "string");
  const guarded = apis.flatMap((api) => rules[api] ?? []);
  return words(params?.scope).some((scope) => guarded.includes(scope));
}

/**
 * oidc-provider's default prompts, with one more login check: a session without `mfa` in its
 * `amr` is sent to the sign-in page again when MFA is asked for, where it only gives the code.
 *
 * @example
 * const config = { interactions: { policy: mfaLoginPolicy(tenant), url } };
 */
export function mfaLoginPolicy(tenant: TenantStore): interactionPolicy.DefaultPolicy {
  const policy = interactionPolicy.base();
  policy
    .get("login")
    ?.checks.add(
      new interactionPolicy.Check(
        MFA_STEP_UP_REASON,
        "Multi-factor authentication is required",
        (ctx: KoaContextWithOIDC) =>
          wantsMfa(ctx.oidc.params, stepUpRulesOf(tenant.state)) &&
          !ctx.oidc.session?.amr?.includes("mfa"),
      ),
    );
  return policy;
}
