"use client";

import { getAccessToken } from "@/lib/tokens/browser-tokens";
import { useState } from "react";
import { endpoints } from "@/lib/demo-apis/client/endpoints";
import { explainTokenError, type ExplainedTokenError } from "@/lib/tokens/explain-token-error";
import { useNow } from "@/lib/tutorial/use-now";
import { ProblemPanel } from "@/components/problem-panel";
import { MaskedToken, TokenInspector } from "@/components/token-inspector";

type TokenResponse = Awaited<ReturnType<typeof fetchFullResponse>>;

// #region full-response
async function fetchFullResponse() {
  const { token, expires_at, expires_in, scope, token_type } = await getAccessToken({
    includeFullResponse: true,
  });
  return { token, expires_at, expires_in, scope, token_type };
}
// #endregion

/** Everything the token route answers, not only the token. */
export function FullResponseDemo() {
  const [response, setResponse] = useState<TokenResponse | null>(null);
  const [problem, setProblem] = useState<ExplainedTokenError | null>(null);
  const now = useNow();

  async function load() {
    setProblem(null);
    try {
      setResponse(await fetchFullResponse());
    } catch (error) {
      setProblem(explainTokenError(error));
    }
  }

  const secondsLeft = response?.expires_at === undefined ? undefined : response.expires_at - now;
  return (
    <section className="demo" aria-label="Demo">
      <button type="button" className="button" onClick={load}>
        {response ? "Ask again" : "Get the full token response"}
      </button>
      {problem && <ProblemPanel problem={{ kind: "token", explained: problem }} onRetry={load} />}
      {response && (
        <div className="demo-result">
          <dl className="card claims" data-testid="full-response">
            <dt>token</dt>
            <dd>
              <MaskedToken token={response.token} />
            </dd>
            <dt>expires_at</dt>
            <dd data-testid="expires-at">
              {response.expires_at ?? "—"}{" "}
              {secondsLeft !== undefined && (
                <span data-testid="countdown">
                  ({secondsLeft > 0 ? `in ${secondsLeft} s` : "expired: ask again to refresh"})
                </span>
              )}
            </dd>
            <dt>expires_in</dt>
            <dd data-testid="expires-in-field">{response.expires_in ?? "—"}</dd>
            <dt>scope</dt>
            <dd data-testid="scope-field">{response.scope ?? "—"}</dd>
            <dt>token_type</dt>
            <dd data-testid="token-type">
              {response.token_type ?? "(absent: this token came from the sign-in, not a refresh)"}
            </dd>
          </dl>
          <TokenInspector token={response.token} audience={endpoints.profile.audience} />
        </div>
      )}
    </section>
  );
}
