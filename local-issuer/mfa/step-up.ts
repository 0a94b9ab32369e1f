import { stepUpAction } from "@/config/step-up-action";
import { stepUpScopes } from "@/local-issuer/config";
import type { Tenant } from "@/local-issuer/tenant/state";

/** Step-up scopes per API (`stepUpScopes`), or none. */
export type StepUpRules = Readonly<Record<string, readonly string[]>>;

/**
 * The step-up rules in force: `stepUpScopes` while an Action whose deployed code is the step-up
 * Action's is bound to the post-login trigger (on Auth0 that code is the rule; its name does not
 * matter), none otherwise: on a tenant nothing was set up in yet, `refund:orders` needs no second
 * factor. Other code cannot be run here, so an Action deployed with changed code counts as none.
 *
 * @example
 * applyStepUp(audience, scopes, requested, amr, stepUpRulesOf(tenant.state));
 */
export function stepUpRulesOf(tenant: Readonly<Tenant>): StepUpRules {
  const bound = tenant.post_login_bindings.some((binding) =>
    tenant.actions.some(
      (action) => action.id === binding.action_id && action.deployed_code === stepUpAction.code,
    ),
  );
  return bound ? stepUpScopes : {};
}

/** What the step-up rule makes of an MRRT decision's scopes. */
export type StepUpOutcome =
  | { kind: "grant"; scopes: string[]; removed: string[] }
  | { kind: "mfa_required"; scopes: string[] };

/**
 * The step-up rule on a refresh, as the recommended Auth0 Action does it: a step-up scope the
 * refresh did not ask for by name is removed (a scope-less refresh would otherwise get every
 * policy scope, `refund:orders` included), and one asked for needs a login with MFA (`amr`
 * containing `"mfa"`); without it the grant must answer `mfa_required`.
 *
 * @example
 * applyStepUp(ordersApi, ["openid", "read:orders", "refund:orders"], undefined, undefined, stepUpScopes);
 * // { kind: "grant", scopes: ["openid", "read:orders"], removed: ["refund:orders"] }
 */
export function applyStepUp(
  audience: string | undefined,
  granted: readonly string[],
  requested: readonly string[] | undefined,
  amr: readonly string[] | undefined,
  rules: StepUpRules,
): StepUpOutcome {
  const guarded = (audience && rules[audience]) || [];
  const asked = guarded.filter((scope) => granted.includes(scope) && requested?.includes(scope));
  const removed = guarded.filter((scope) => granted.includes(scope) && !asked.includes(scope));
  const scopes = granted.filter((scope) => !removed.includes(scope));
  if (asked.length > 0 && !amr?.includes("mfa")) return { kind: "mfa_required", scopes };
  return { kind: "grant", scopes, removed };
}
