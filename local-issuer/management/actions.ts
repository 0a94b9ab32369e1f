import { randomBytes, randomUUID } from "node:crypto";
import type { Context } from "koa";
import { z } from "zod";
import type { ActionRecord, Tenant, TenantStore } from "../tenant/state";
import { requireScope } from "./auth";
import { ManagementApiError } from "./errors";
import { created, found, parseBody } from "./http";

const TRIGGER = "post-login";
const triggers = z.array(z.strictObject({ id: z.string().min(1), version: z.string().min(1) }));
const createActionBody = z.strictObject({
  name: z.string().min(1),
  supported_triggers: triggers.min(1),
  code: z.string().optional(),
  runtime: z.string().optional(),
});
const updateActionBody = createActionBody.partial().strict();
const bindingsBody = z.strictObject({
  bindings: z.array(
    z.strictObject({
      ref: z.strictObject({
        type: z.enum(["action_id", "action_name", "binding_id"]),
        value: z.string().min(1),
      }),
      display_name: z.string().optional(),
    }),
  ),
});

/** One page of a list, as the Actions endpoints answer it (clients ask for pages until one is empty). */
function page<T>(ctx: Context, name: string, items: readonly T[]) {
  const perPage = Math.min(Math.max(Number(ctx.query.per_page ?? 50) || 50, 1), 100);
  const number = Math.max(Number(ctx.query.page ?? 0) || 0, 0);
  const slice = items.slice(number * perPage, (number + 1) * perPage);
  return { [name]: slice, total: items.length, page: number, per_page: perPage };
}

const notFoundAction = () => new ManagementApiError(404, "That action does not exist.");

/** An Action as Auth0 shows it: `all_changes_deployed` and the deployed version. */
function shown(action: ActionRecord) {
  const { deployed_code: deployedCode, ...rest } = action;
  return {
    ...rest,
    status: "built",
    all_changes_deployed: deployedCode === action.code,
    ...(deployedCode === undefined
      ? {}
      : { deployed_version: { action_id: action.id, code: deployedCode, deployed: true } }),
  };
}

function bindingsOf(tenant: Readonly<Tenant>) {
  return tenant.post_login_bindings.map((binding) => {
    const action = tenant.actions.find((candidate) => candidate.id === binding.action_id);
    return {
      id: binding.id,
      trigger_id: TRIGGER,
      display_name: binding.display_name,
      ...(action ? { action: shown(action) } : {}),
    };
  });
}

/** The binding a `PATCH …/bindings` entry names: an existing one, or a deployed Action. */
function resolveBinding(
  tenant: Readonly<Tenant>,
  entry: z.infer<typeof bindingsBody>["bindings"][number],
) {
  if (entry.ref.type === "binding_id") {
    const existing = tenant.post_login_bindings.find((binding) => binding.id === entry.ref.value);
    if (!existing) throw new ManagementApiError(400, `Binding ${entry.ref.value} does not exist.`);
    return existing;
  }
  const action = tenant.actions.find((candidate) =>
    entry.ref.type === "action_id"
      ? candidate.id === entry.ref.value
      : candidate.name === entry.ref.value,
  );
  if (!action) throw new ManagementApiError(400, `Action ${entry.ref.value} does not exist.`);
  if (action.deployed_code === undefined) {
    throw new ManagementApiError(400, `Action ${action.name} must be deployed before it is bound.`);
  }
  return {
    id: randomUUID(),
    action_id: action.id,
    display_name: entry.display_name ?? action.name,
  };
}

/**
 * `/api/v2/actions/…`: Actions (list by `actionName`/`triggerId`, create, get, update, deploy)
 * and the post-login trigger's bindings (read, replace), the subset `auth0:setup` uses for the
 * step-up Action. The local issuer does not run an Action's code: while the step-up Action is
 * deployed and bound, its own step-up rule stands for it (`mfa/step-up.ts`).
 *
 * @example
 * const body = await actionRoutes(ctx, tenant, scopes, ["actions", id, "deploy"]);
 */
export async function actionRoutes(
  ctx: Context,
  tenant: TenantStore,
  scopes: string[],
  path: readonly string[],
) {
  const [collection, id, action, ...rest] = path;
  if (rest.length > 0) return undefined;
  if (collection === "triggers") {
    if (id !== TRIGGER || action !== "bindings") return undefined;
    if (ctx.method === "GET") {
      requireScope(scopes, "read:actions");
      return page(ctx, "bindings", bindingsOf(tenant.state));
    }
    if (ctx.method === "PATCH") {
      requireScope(scopes, "update:actions");
      const body = await parseBody(ctx, bindingsBody);
      const bindings = body.bindings.map((entry) => resolveBinding(tenant.state, entry));
      tenant.update((draft) => void (draft.post_login_bindings = bindings));
      return { bindings: bindingsOf(tenant.state) };
    }
    return undefined;
  }
  if (collection !== "actions") return undefined;
  if (ctx.method === "GET" && id === undefined) {
    requireScope(scopes, "read:actions");
    const { actionName, triggerId } = ctx.query;
    const actions = tenant.state.actions.filter(
      (candidate) =>
        (actionName === undefined || candidate.name === actionName) &&
        (triggerId === undefined ||
          candidate.supported_triggers.some((trigger) => trigger.id === triggerId)),
    );
    return page(ctx, "actions", actions.map(shown));
  }
  if (ctx.method === "POST" && id === undefined) {
    requireScope(scopes, "create:actions");
    const body = await parseBody(ctx, createActionBody);
    if (tenant.state.actions.some((candidate) => candidate.name === body.name)) {
      throw new ManagementApiError(409, `An action named ${body.name} already exists.`);
    }
    const now = new Date().toISOString();
    const record: ActionRecord = {
      id: randomBytes(12).toString("hex"),
      name: body.name,
      supported_triggers: body.supported_triggers,
      code: body.code ?? "",
      runtime: body.runtime ?? "node22",
      created_at: now,
      updated_at: now,
    };
    tenant.update((draft) => void draft.actions.push(record));
    return created(ctx, shown(record));
  }
  if (id === undefined) return undefined;
  const existing = () =>
    found(
      tenant.state.actions.find((candidate) => candidate.id === id),
      notFoundAction,
    );
  const change = (update: (record: ActionRecord) => ActionRecord) => {
    const record = update(existing());
    tenant.update((draft) => {
      draft.actions = draft.actions.map((candidate) => (candidate.id === id ? record : candidate));
    });
    return record;
  };
  if (ctx.method === "GET" && action === undefined) {
    requireScope(scopes, "read:actions");
    return shown(existing());
  }
  if (ctx.method === "PATCH" && action === undefined) {
    requireScope(scopes, "update:actions");
    const body = await parseBody(ctx, updateActionBody);
    existing();
    return shown(
      change((record) => ({ ...record, ...body, updated_at: new Date().toISOString() })),
    );
  }
  if (ctx.method === "POST" && action === "deploy") {
    requireScope(scopes, "create:actions");
    const record = change((current) => ({ ...current, deployed_code: current.code }));
    return {
      id: randomUUID(),
      action_id: record.id,
      code: record.code,
      deployed: true,
      status: "built",
    };
  }
  return undefined;
}
