"use client";

import { decodeJwt } from "jose";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apis, type ApiId } from "@/config/apis";
import { paths } from "@/config/paths";
import {
  PolicyEditor,
  type PolicyActions,
  type PolicyShown,
} from "@/components/demos/policy-editor";
import { TokenInspector } from "@/components/token-inspector";
import { askAnswerSchema, type AskAnswer } from "@/lib/mrrt-playground/ask-contract";
import { explainAnswer, type GrantAnswer } from "@/lib/mrrt-playground/explain-answer";
import type { RefreshTokenSettings } from "@/lib/mrrt-playground/policy-request";

const apiIds = Object.keys(apis) as ApiId[];

// #region ask
// A refresh now, for this audience and scope (the browser's getAccessToken() would return the
// token already in the session until it expires).
async function askForToken(audience: string | undefined, scopes: string[]): Promise<AskAnswer> {
  const query = new URLSearchParams();
  if (audience) query.set("audience", audience);
  if (scopes.length > 0) query.set("scope", scopes.join(" "));
  const response = await fetch(`${paths.playgroundAsk}?${query}`, { method: "POST" });
  return askAnswerSchema.parse(await response.json());
}
// #endregion

/** What the token says about itself, as the explanation needs it (display only, not verified). */
function grantAnswerOf(answer: AskAnswer): GrantAnswer {
  if (!answer.ok) {
    return {
      ok: false,
      code: answer.error.cause?.code ?? answer.error.code,
      description: answer.error.cause?.message ?? answer.error.message,
    };
  }
  const { aud } = decodeJwt(answer.token);
  return {
    ok: true,
    aud: typeof aud === "string" ? [aud] : (aud ?? []),
    scope: answer.scope ?? "",
  };
}

/**
 * The MRRT playground: the policy on the left, an ask on the right, and which rule answered,
 * worked out from the policy, what was sent and what came back.
 */
export function MrrtPlayground({ view, actions }: { view: PolicyShown; actions: PolicyActions }) {
  const [settings, setSettings] = useState(view.settings);
  const [api, setApi] = useState<ApiId | "">("orders");
  const [scopes, setScopes] = useState<string[]>([]);
  const [asking, setAsking] = useState(false);
  const [result, setResult] = useState<{ answer: AskAnswer; settings: RefreshTokenSettings }>();
  const router = useRouter();
  const audience = api ? apis[api].audience : undefined;

  async function ask() {
    setAsking(true);
    setResult(undefined);
    try {
      setResult({ answer: await askForToken(audience, scopes), settings });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      setResult({ answer: { ok: false, error: { code: "network_error", message } }, settings });
    }
    setAsking(false);
    // The session panel below is rendered on the server: show the new entry.
    router.refresh();
  }

  const explained =
    result &&
    explainAnswer(
      result.settings.policies,
      apis.profile.audience,
      result.answer.sent ?? {},
      grantAnswerOf(result.answer),
      result.settings,
    );

  return (
    <section className="demo columns" aria-label="Demo">
      <PolicyEditor view={view} settings={settings} actions={actions} onSaved={setSettings} />
      <div className="card" data-testid="playground-ask">
        <h3>Ask for a token</h3>
        <label>
          Audience{" "}
          <select
            value={api}
            onChange={(event) => {
              setApi(event.target.value as ApiId | "");
              setScopes([]);
            }}
          >
            <option value="">(none: the sign-in audience)</option>
            {apiIds.map((id) => (
              <option key={id} value={id}>
                {apis[id].name}
              </option>
            ))}
          </select>
        </label>
        <p>Scopes (none ticked: scope is left out):</p>
        {(api ? apis[api].scopes : apis.profile.scopes).map((scope) => (
          <label key={scope} className="scope-choice">
            <input
              type="checkbox"
              checked={scopes.includes(scope)}
              onChange={(event) =>
                setScopes((all) =>
                  event.target.checked ? [...all, scope] : all.filter((s) => s !== scope),
                )
              }
            />{" "}
            <code>{scope}</code>
          </label>
        ))}
        <div className="row">
          <button type="button" className="button" disabled={asking} onClick={() => void ask()}>
            {asking ? "Refreshing…" : "Refresh now"}
          </button>
        </div>
        {result && explained && (
          <div className="demo-result" data-testid="ask-result" data-rule={explained.rule}>
            <p data-testid="ask-sent">
              Sent: audience <code>{result.answer.sent?.audience ?? "(left out)"}</code>, scope{" "}
              <code>{result.answer.sent?.scope ?? "(left out)"}</code>
            </p>
            <p className={explained.rule === "policy-match" ? "success" : "warning"} role="status">
              <strong data-testid="rule-headline">{explained.headline}</strong>
            </p>
            {explained.details.map((line) => (
              <p key={line}>{line}</p>
            ))}
            {explained.rotation && <p data-testid="rotation">{explained.rotation}</p>}
            {result.answer.ok && (
              <TokenInspector
                token={result.answer.token}
                audience={audience ?? apis.profile.audience}
                scope={result.answer.sent.scope}
              />
            )}
          </div>
        )}
      </div>
    </section>
  );
}
