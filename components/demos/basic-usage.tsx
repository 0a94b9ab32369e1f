"use client";

// #region basic-usage-import
import { getAccessToken } from "@auth0/nextjs-auth0";
// #endregion
import { useState } from "react";
import { apis } from "@/config/apis";
import { readApiFailure } from "@/lib/demo-apis/client/call-api";
import { tokenProblem, type ApiCallProblem } from "@/lib/demo-apis/client/call-with-token";
import type { ProfileResponse } from "@/lib/demo-apis/contracts/profile-contract";
import { publicEnv } from "@/lib/env/public-env";
import { ProblemPanel } from "@/components/problem-panel";
import { TokenInspector } from "@/components/token-inspector";

type State =
  | { status: "idle" | "loading" }
  | { status: "done"; token: string; profile: ProfileResponse }
  | { status: "failed"; problem: ApiCallProblem };

/**
 * The smallest complete example: the SDK's own `getAccessToken` in the browser, then an API call
 * with the token. (The later chapters use a drop-in with the same signature that caches tokens.)
 */
export function BasicUsageDemo() {
  const [state, setState] = useState<State>({ status: "idle" });

  async function loadProfile() {
    setState({ status: "loading" });
    try {
      // #region basic-usage
      const token = await getAccessToken();
      const response = await fetch(`${publicEnv.profileApiUrl}/me`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      // #endregion
      if (!response.ok) {
        // The API refused the token: RFC 6750's error and description, explained below.
        const failure = await readApiFailure(response);
        setState({ status: "failed", problem: { kind: "api", failure } });
        return;
      }
      setState({ status: "done", token, profile: (await response.json()) as ProfileResponse });
    } catch (error) {
      setState({ status: "failed", problem: tokenProblem(error) });
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
            <h3>GET {publicEnv.profileApiUrl}/me</h3>
            <p>
              <strong data-testid="profile-name">{state.profile.name}</strong> (
              {state.profile.email})
            </p>
            <p>{state.profile.bio}</p>
          </div>
          <TokenInspector token={state.token} audience={apis.profile.audience} />
        </div>
      )}
      {state.status === "failed" && <ProblemPanel problem={state.problem} onRetry={loadProfile} />}
    </section>
  );
}
