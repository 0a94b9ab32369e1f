"use client";

import { getAccessToken } from "@/lib/tokens/browser-tokens";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apis, type ApiId } from "@/config/apis";
import { explainTokenError, type ExplainedTokenError } from "@/lib/tokens/explain-token-error";
import { ProblemPanel } from "@/components/problem-panel";
import { TokenInspector } from "@/components/token-inspector";

type Outcome = { token: string } | { problem: ExplainedTokenError };

// #region mrrt
// One refresh token in the session; the audience decides which API the new token is for.
async function tokenFor(api: ApiId): Promise<string> {
  return getAccessToken({ audience: apis[api].audience });
}
// #endregion

/** Asks for a token for each of the three APIs, one of which is outside the MRRT policy. */
export function MrrtDemo() {
  const [outcomes, setOutcomes] = useState<Partial<Record<ApiId, Outcome>>>({});
  const router = useRouter();

  async function ask(api: ApiId) {
    try {
      setOutcomes((all) => ({ ...all, [api]: { token: "" } }));
      const token = await tokenFor(api);
      setOutcomes((all) => ({ ...all, [api]: { token } }));
    } catch (error) {
      setOutcomes((all) => ({ ...all, [api]: { problem: explainTokenError(error) } }));
    }
    // The session panel is rendered on the server: refresh it to show the new entry.
    router.refresh();
  }

  return (
    <section className="demo" aria-label="Demo">
      <div className="columns three">
        {(Object.keys(apis) as ApiId[]).map((api) => {
          const outcome = outcomes[api];
          return (
            <div className="card" key={api} data-testid={`mrrt-${api}`}>
              <h3>{apis[api].name}</h3>
              <p>
                <code>{apis[api].audience}</code>
                {api === "reports" && <em> — not in the refresh token policy</em>}
              </p>
              <button type="button" className="button" onClick={() => void ask(api)}>
                Get a token for the {apis[api].name}
              </button>
              {outcome && "problem" in outcome && (
                <ProblemPanel problem={{ kind: "token", explained: outcome.problem }} />
              )}
              {outcome && "token" in outcome && outcome.token && (
                <TokenInspector token={outcome.token} audience={apis[api].audience} />
              )}
            </div>
          );
        })}
      </div>
    </section>
  );
}
