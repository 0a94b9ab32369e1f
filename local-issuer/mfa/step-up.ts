import { stepUpScopes } from "@/local-issuer/config";

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
 * applyStepUp(ordersApi, ["openid", "read:orders", "refund:orders"], undefined, undefined);
 * // { kind: "grant", scopes: ["openid", "read:orders"], removed: ["refund:orders"] }
 */
export function applyStepUp(
  audience: string | undefined,
  granted: readonly string[],
  requested: readonly string[] | undefined,
  amr: readonly string[] | undefined,
  rules: Readonly<Record<string, readonly string[]>> = stepUpScopes,
): StepUpOutcome {
  const guarded = (audience && rules[audience]) || [];
  const asked = guarded.filter((scope) => granted.includes(scope) && requested?.includes(scope));
  const removed = guarded.filter((scope) => granted.includes(scope) && !asked.includes(scope));
  const scopes = granted.filter((scope) => !removed.includes(scope));
  if (asked.length > 0 && !amr?.includes("mfa")) return { kind: "mfa_required", scopes };
  return { kind: "grant", scopes, removed };
}
