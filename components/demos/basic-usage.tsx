"use client";

import { getAccessToken } from "@/lib/tokens/browser-tokens";
import { useState } from "react";
import { endpoints } from "@/lib/apis/endpoints";
import type { ProfileResponse } from "@/lib/apis/profile-contract";
import { explainTokenError, type ExplainedTokenError } from "@/lib/tokens/explain-token-error";
import { ProblemPanel } from "@/components/problem-panel";
import { TokenInspector } from "@/components/token-inspector";

type State =
  | { status: "idle" | "loading" }
  | { status: "done"; token: string; profile: ProfileResponse }
  | { status: "api-error"; httpStatus: number; body: string }
  | { status: "token-error"; explained: ExplainedTokenError };

const profileApi = endpoints.profile;

/** The smallest complete example: get a token in the browser, call an API with it. */
export function BasicUsageDemo() {
  const [state, setState] = useState<State>({ status: "idle" });

  async function loadProfile() {
    setState({ status: "loading" });
    try {
      // #region basic-usage
      const token = await getAccessToken();
      const response = await fetch(`${profileApi.baseUrl}/me`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      // #endregion
      if (!response.ok) {
        setState({ status: "api-error", httpStatus: response.status, body: await response.text() });
        return;
      }
      setState({ status: "done", token, profile: (await response.json()) as ProfileResponse });
    } catch (error) {
      setState({ status: "token-error", explained: explainTokenError(error) });
    }
  }

  return (
    <section className="demo" aria-label="Demo">
      <button
        type="button"
        className="button"
        onClick={loadProfile}
        disabled={state.status === "loading"}
      >
        {state.status === "loading" ? "Loading…" : "Get a token and load my profile"}
      </button>
      {state.status === "done" && (
        <div className="demo-result">
          <div className="card" data-testid="profile">
            <h3>GET {profileApi.baseUrl}/me</h3>
            <p>
              <strong data-testid="profile-name">{state.profile.name}</strong> (
              {state.profile.email})
            </p>
            <p>{state.profile.bio}</p>
          </div>
          <TokenInspector token={state.token} audience={profileApi.audience} />
        </div>
      )}
      {state.status === "api-error" && (
        <p className="problem" role="alert">
          The Profile API answered {state.httpStatus}: {state.body}
        </p>
      )}
      {state.status === "token-error" && (
        <ProblemPanel
          problem={{ kind: "token", explained: state.explained }}
          onRetry={loadProfile}
        />
      )}
    </section>
  );
}
