import type { Management, ManagementClient } from "auth0";
import { STEP_UP_FACTOR, stepUpAction } from "@/config/step-up-action";
import { describeFailure } from "./read-tenant";

/**
 * What the step-up MFA chapter needs from a tenant besides the `refund:orders` scope and the MFA
 * grant type (in `desired.ts`): the one-time-password factor turned on, and the step-up Action
 * deployed with this app's code and bound to the post-login trigger. `auth0:setup` makes it so
 * through the Management API; where the tenant refuses (a Management API application without the
 * Actions or Guardian scopes), it prints the same steps for the dashboard.
 */

/** The tenant's MFA settings, or why they could not be read. */
export type StepUpSnapshot =
  | {
      factors: readonly Management.GuardianFactor[];
      action: Management.Action | undefined;
      bindings: readonly Management.ActionBinding[];
    }
  | { unreadable: string };

/** A change `auth0:setup` makes for step-up MFA, with the dashboard steps that do the same. */
export type StepUpChange =
  | { kind: "enable-factor"; lines: string[]; byHand: string[] }
  | {
      kind: "step-up-action";
      /** The existing Action, or none: create it. */
      actionId: string | undefined;
      updateCode: boolean;
      deploy: boolean;
      /** The post-login flow to set (the bindings already there, then this Action), or none. */
      bindAfter: string[] | undefined;
      lines: string[];
      byHand: string[];
    }
  | { kind: "by-hand"; lines: string[]; byHand: string[] };

const TRIGGER = "post-login";

/**
 * Reads the factors, the step-up Action (by name) and the post-login bindings.
 *
 * @example
 * const stepUp = await readStepUp(management);
 */
export async function readStepUp(management: ManagementClient): Promise<StepUpSnapshot> {
  try {
    const factors = await management.guardian.factors.list();
    const actions: Management.Action[] = [];
    const named = { actionName: stepUpAction.name, triggerId: TRIGGER } as const;
    for await (const action of await management.actions.list(named)) actions.push(action);
    const bindings: Management.ActionBinding[] = [];
    for await (const binding of await management.actions.triggers.bindings.list(TRIGGER)) {
      bindings.push(binding);
    }
    return { factors, action: actions[0], bindings };
  } catch (error) {
    return { unreadable: describeFailure(error) };
  }
}

export const factorOn = (factors: readonly Management.GuardianFactor[]) =>
  factors.some((factor) => factor.name === STEP_UP_FACTOR && factor.enabled);
export const codeDeployed = (action: Management.Action) =>
  action.code === stepUpAction.code && action.all_changes_deployed === true;
export const isBound = (bindings: readonly Management.ActionBinding[], action: Management.Action) =>
  bindings.some((binding) => binding.action?.id === action.id);

const factorByHand = [
  "    by hand: Dashboard → Security → Multi-factor Auth → One-time Password: turn it on",
];
const actionByHand = [
  `    by hand: Dashboard → Actions → Library → Create Action → Build from scratch: name ` +
    `"${stepUpAction.name}", trigger Login / Post Login; replace its code with this, then Deploy:`,
  ...stepUpAction.code
    .trimEnd()
    .split("\n")
    .map((line) => `      ${line}`),
  `    then Dashboard → Actions → Triggers → post-login: drag "${stepUpAction.name}" into the ` +
    "flow, and Apply",
];

/**
 * The step-up changes this tenant needs, additions only (other bindings stay, in their order).
 *
 * @example
 * const changes = planStepUp(await readStepUp(management));
 */
export function planStepUp(snapshot: StepUpSnapshot): StepUpChange[] {
  if ("unreadable" in snapshot) {
    const lines = [
      `! step-up MFA: cannot read the factors and Actions (${snapshot.unreadable}); ` +
        "grant the Management API application read:guardian_factors, update:guardian_factors, " +
        "read:actions, create:actions and update:actions, or do it by hand:",
    ];
    return [{ kind: "by-hand", lines, byHand: [...factorByHand, ...actionByHand] }];
  }
  const changes: StepUpChange[] = [];
  if (!factorOn(snapshot.factors)) {
    const lines = [`~ MFA factor ${STEP_UP_FACTOR} (One-time Password): off → on`];
    changes.push({ kind: "enable-factor", lines, byHand: factorByHand });
  }
  const { action, bindings } = snapshot;
  const updateCode = action !== undefined && action.code !== stepUpAction.code;
  const deploy = action === undefined || !codeDeployed(action);
  const bind = action === undefined || !isBound(bindings, action);
  if (!deploy && !bind) return changes;
  const others = bindings.flatMap((binding) => (binding.id ? [binding.id] : []));
  const lines = [
    action === undefined
      ? `+ Action "${stepUpAction.name}" (${TRIGGER}): refund:orders needs a second factor`
      : `~ Action "${stepUpAction.name}"`,
    ...(updateCode ? ["    code: → this app's step-up code"] : []),
    ...(deploy ? ["    deploy"] : []),
    ...(bind
      ? [`    bind to the ${TRIGGER} trigger (after ${others.length} other binding(s))`]
      : []),
  ];
  changes.push({
    kind: "step-up-action",
    actionId: action?.id,
    updateCode,
    deploy,
    bindAfter: bind ? others : undefined,
    lines,
    byHand: actionByHand,
  });
  return changes;
}

/**
 * Sends one step-up change: the factor; or the Action created (or its code updated), deployed
 * and bound after the bindings already there.
 *
 * @example
 * for (const change of planStepUp(snapshot)) await applyStepUp(management, change);
 */
export async function applyStepUp(management: ManagementClient, change: StepUpChange) {
  if (change.kind === "by-hand") return;
  if (change.kind === "enable-factor") {
    await management.guardian.factors.set(STEP_UP_FACTOR, { enabled: true });
    return;
  }
  const { name, code, trigger } = stepUpAction;
  const id =
    change.actionId ??
    (await management.actions.create({ name, code, supported_triggers: [{ ...trigger }] })).id;
  if (!id) throw new Error("the new Action has no id");
  if (change.updateCode) await management.actions.update(id, { code });
  if (change.deploy) await management.actions.deploy(id);
  if (change.bindAfter) {
    await management.actions.triggers.bindings.updateMany(TRIGGER, {
      bindings: [
        ...change.bindAfter.map((value) => ({ ref: { type: "binding_id" as const, value } })),
        { ref: { type: "action_id", value: id }, display_name: name },
      ],
    });
  }
}
