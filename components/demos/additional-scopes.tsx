"use client";

import { getAccessToken } from "@/lib/tokens/browser-tokens";
import { useState, type FormEvent } from "react";
import { callApi, type ApiResult } from "@/lib/demo-apis/client/call-api";
import { endpoints } from "@/lib/demo-apis/client/endpoints";
import type { ProfileResponse } from "@/lib/demo-apis/contracts/profile-contract";
import { explainTokenError, type ExplainedTokenError } from "@/lib/tokens/explain-token-error";
import { ProblemPanel } from "@/components/problem-panel";
import { TokenInspector } from "@/components/token-inspector";

const profileApi = endpoints.profile;
const WRITE_SCOPE = "read:profile write:profile";

type Attempt =
  | { withScope: boolean; token: string; result: ApiResult<ProfileResponse> }
  | { withScope: boolean; tokenError: ExplainedTokenError };

/** Editing the profile needs `write:profile`, which the sign-in token does not carry. */
export function AdditionalScopesDemo() {
  const [bio, setBio] = useState("");
  const [attempt, setAttempt] = useState<Attempt | null>(null);
  const [saving, setSaving] = useState(false);

  async function save(withScope: boolean) {
    setSaving(true);
    try {
      const token = withScope ? await tokenWithWriteScope() : await getAccessToken();
      const result = await callApi<ProfileResponse>(`${profileApi.baseUrl}/me`, token, {
        method: "PATCH",
        body: { bio },
      });
      setAttempt({ withScope, token, result });
    } catch (error) {
      setAttempt({ withScope, tokenError: explainTokenError(error) });
    } finally {
      setSaving(false);
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    void save(submitter?.getAttribute("value") === "with-scope");
  }

  return (
    <section className="demo" aria-label="Demo">
      <form className="card" onSubmit={onSubmit}>
        <label htmlFor="bio">New bio</label>
        <input
          id="bio"
          value={bio}
          maxLength={280}
          required
          onChange={(event) => setBio(event.target.value)}
          placeholder="Tokens are like boarding passes."
        />
        <div className="row">
          <button type="submit" value="default" className="button secondary" disabled={saving}>
            Save with the sign-in token
          </button>
          <button type="submit" value="with-scope" className="button" disabled={saving}>
            Save with write:profile
          </button>
        </div>
      </form>
      {attempt && "tokenError" in attempt && (
        <ProblemPanel problem={{ kind: "token", explained: attempt.tokenError }} />
      )}
      {attempt && "result" in attempt && (
        <div className="demo-result">
          {attempt.result.ok ? (
            <p className="success" role="status" data-testid="save-result">
              Saved. The Profile API now returns the bio “{attempt.result.data.bio}”.
            </p>
          ) : (
            <ProblemPanel problem={{ kind: "api", failure: attempt.result }} />
          )}
          <TokenInspector
            token={attempt.token}
            audience={profileApi.audience}
            scope={attempt.withScope ? WRITE_SCOPE : undefined}
            label={attempt.withScope ? "Token with write:profile" : "Sign-in token"}
          />
        </div>
      )}
    </section>
  );
}

// #region additional-scopes
async function tokenWithWriteScope(): Promise<string> {
  // Asks for the default audience with more scopes than the sign-in granted. The SDK merges
  // them with the configured scopes and, because no stored token has them, refreshes.
  return getAccessToken({ scope: "read:profile write:profile" });
}
// #endregion
