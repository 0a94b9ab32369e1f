import { STEP_UP_FACTOR, stepUpAction } from "@/config/step-up-action";
import type { CheckResult } from "./checks";
import { codeDeployed, factorOn, isBound, type StepUpSnapshot } from "./step-up";

/**
 * `auth0:check`'s lines for step-up MFA: the factor, the Action's code deployed, its binding.
 *
 * @example
 * results.push(...checkStepUp(await readStepUp(management)));
 */
export function checkStepUp(snapshot: StepUpSnapshot): CheckResult[] {
  const setup = "or run npm run auth0:setup";
  if ("unreadable" in snapshot) {
    return [
      {
        ok: false,
        label: `cannot read the MFA factors and Actions (${snapshot.unreadable})`,
        fix: "grant the Management API application read:guardian_factors and read:actions",
      },
    ];
  }
  const { action } = snapshot;
  const result = (ok: boolean, label: string, fix: string): CheckResult =>
    ok ? { ok, label } : { ok, label, fix: `${fix}, ${setup}` };
  return [
    result(
      factorOn(snapshot.factors),
      `MFA factor ${STEP_UP_FACTOR} (One-time Password) enabled`,
      "turn it on under Security → Multi-factor Auth → One-time Password",
    ),
    result(
      action !== undefined && codeDeployed(action),
      `Action "${stepUpAction.name}" deployed with this app's step-up code`,
      action === undefined
        ? `create it (Actions → Library, trigger Login / Post Login)`
        : "replace its code with the app's (config/step-up-action.ts) and Deploy",
    ),
    result(
      action !== undefined && isBound(snapshot.bindings, action),
      `Action "${stepUpAction.name}" bound to the post-login trigger (without it refund:orders ` +
        "needs no second factor)",
      "drag it into the flow under Actions → Triggers → post-login, and Apply",
    ),
  ];
}
