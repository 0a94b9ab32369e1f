"use client";

import { useState } from "react";
import { apis, type ApiId } from "@/config/apis";
import type { PolicyEntry } from "@/lib/mrrt-playground/explain-answer";
import type { PolicyWrite } from "@/lib/mrrt-playground/policy-admin";
import { policyRequest, type RefreshTokenSettings } from "@/lib/mrrt-playground/policy-request";

const apiIds = Object.keys(apis) as ApiId[];

/** The policy as the page read it (`readPolicy`). */
export type PolicyShown = { clientId: string; settings: RefreshTokenSettings; readOnly?: string };

/** The page's server actions (`app/(demos)/mrrt-playground/policy-actions.ts`). */
export type PolicyActions = {
  save: (policies: unknown) => Promise<PolicyWrite>;
  reset: () => Promise<PolicyWrite>;
};

/** A policy as the editor's checkboxes hold it: for each API, absent or its allowed scopes. */
type Draft = Partial<Record<ApiId, string[]>>;

const draftOf = (policies: readonly PolicyEntry[]): Draft =>
  Object.fromEntries(
    apiIds.flatMap((id) => {
      const entry = policies.find((policy) => policy.audience === apis[id].audience);
      return entry ? [[id, [...entry.scope]]] : [];
    }),
  );

/** Back to Auth0's shape, keeping audiences the editor does not know (a tenant's own APIs). */
const policiesOf = (draft: Draft, others: readonly PolicyEntry[]): PolicyEntry[] => [
  ...apiIds.flatMap((id) => {
    const scope = draft[id];
    return scope
      ? [{ audience: apis[id].audience, scope: apis[id].scopes.filter((s) => scope.includes(s)) }]
      : [];
  }),
  ...others,
];

/**
 * The application's refresh token policies, read through the Management API: in local mode
 * editable (add or remove an API, add or remove scopes) and saved with the request shown; on a
 * tenant shown read-only, with the request to send.
 */
export function PolicyEditor({
  view: { clientId, readOnly },
  settings,
  actions: { save, reset },
  onSaved,
}: {
  view: PolicyShown;
  /** The settings as last saved (they change with every save). */
  settings: RefreshTokenSettings;
  actions: PolicyActions;
  onSaved: (settings: RefreshTokenSettings) => void;
}) {
  const known = new Set<string>(apiIds.map((id) => apis[id].audience));
  const others = settings.policies.filter((entry) => !known.has(entry.audience));
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings.policies));
  const [status, setStatus] = useState<{ ok: boolean; text: string } | undefined>();
  const [busy, setBusy] = useState(false);
  const request = policyRequest(clientId, settings, policiesOf(draft, others));

  async function send(write: () => Promise<PolicyWrite>) {
    setBusy(true);
    setStatus({ ok: true, text: "Sending…" });
    const result = await write().catch((error: unknown) => ({
      ok: false as const,
      reason: `Not saved: ${error instanceof Error ? error.message : String(error)}`,
    }));
    setBusy(false);
    if (!result.ok) return setStatus({ ok: false, text: result.reason });
    setDraft(draftOf(result.settings.policies));
    onSaved(result.settings);
    setStatus({
      ok: true,
      text: "Saved. The next refresh applies it; tokens already issued stay as they are.",
    });
  }

  const toggleApi = (id: ApiId, on: boolean) =>
    setDraft((all) => ({ ...all, [id]: on ? [...apis[id].scopes] : undefined }));
  const toggleScope = (id: ApiId, scope: string, on: boolean) =>
    setDraft((all) => ({
      ...all,
      [id]: on ? [...(all[id] ?? []), scope] : (all[id] ?? []).filter((s) => s !== scope),
    }));

  return (
    <div className="card" data-testid="policy-editor">
      <h3>The refresh token policy</h3>
      <p>
        Rotation: <code>{settings.rotation_type}</code>, reuse interval {settings.leeway} s.
      </p>
      {readOnly && (
        <p className="warning" data-testid="policy-read-only">
          {readOnly}
        </p>
      )}
      {apiIds.map((id) => (
        <fieldset key={id} data-testid={`policy-${id}`} disabled={Boolean(readOnly) || busy}>
          <legend>
            <label>
              <input
                type="checkbox"
                checked={draft[id] !== undefined}
                onChange={(event) => toggleApi(id, event.target.checked)}
              />{" "}
              {apis[id].name} in the policy
            </label>
          </legend>
          {apis[id].scopes.map((scope) => (
            <label key={scope} className="scope-choice">
              <input
                type="checkbox"
                disabled={draft[id] === undefined}
                checked={draft[id]?.includes(scope) ?? false}
                onChange={(event) => toggleScope(id, scope, event.target.checked)}
              />{" "}
              <code>{scope}</code>
            </label>
          ))}
        </fieldset>
      ))}
      {others.length > 0 && (
        <p>
          Also in the policy, for APIs this app does not call:{" "}
          {others.map((entry) => entry.audience).join(", ")}
        </p>
      )}
      <p>{readOnly ? "The request that sets this policy:" : "Saving sends:"}</p>
      <pre data-testid="policy-request" tabIndex={0} aria-label="Management API request">
        <code>{`${request.method} ${request.path}\n${JSON.stringify(request.body, null, 2)}`}</code>
      </pre>
      {!readOnly && (
        <div className="row">
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void send(() => save(policiesOf(draft, others)))}
          >
            Save the policy
          </button>
          <button
            type="button"
            className="button secondary"
            disabled={busy}
            onClick={() => void send(reset)}
          >
            Reset to the app&apos;s policy
          </button>
        </div>
      )}
      {status && (
        <p
          className={status.ok ? "success" : "problem"}
          role={status.ok ? "status" : "alert"}
          data-testid="policy-status"
        >
          {status.text}
        </p>
      )}
    </div>
  );
}
