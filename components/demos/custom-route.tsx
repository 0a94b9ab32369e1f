"use client";

import { getAccessToken } from "@/lib/tokens/browser-tokens";
import { useState } from "react";
import { explainTokenError, type ExplainedTokenError } from "@/lib/tokens/explain-token-error";
import { ProblemPanel } from "@/components/problem-panel";
import { paths } from "@/config/paths";
import { publicEnv } from "@/lib/env/public-env";

// #region custom-route
// NEXT_PUBLIC_ACCESS_TOKEN_ROUTE, inlined by `next build` (the browser bundle holds the value the
// build saw) and checked in lib/env/public-env.ts.
const tokenRoute = publicEnv.accessTokenRoute;

async function tokenThroughConfiguredRoute(): Promise<string> {
  // No `route` option: the SDK reads NEXT_PUBLIC_ACCESS_TOKEN_ROUTE itself.
  return getAccessToken();
}
// #endregion

/** The route the other side would use if it had been built with the other setting. */
const otherRoute =
  tokenRoute === paths.defaultTokenRoute ? paths.customTokenRoute : paths.defaultTokenRoute;

type Outcome =
  { route: string; ok: true } | { route: string; ok: false; problem: ExplainedTokenError };

/** Asks for a token through the configured route, and through the one the server does not serve. */
export function CustomRouteDemo() {
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function ask(route: string) {
    try {
      if (route === tokenRoute) await tokenThroughConfiguredRoute();
      else await getAccessToken({ route });
      setOutcome({ route, ok: true });
    } catch (error) {
      setOutcome({ route, ok: false, problem: explainTokenError(error) });
    }
  }

  return (
    <section className="demo" aria-label="Demo">
      <p>
        This build&apos;s token route: <code data-testid="token-route">{tokenRoute}</code>
      </p>
      <div className="row">
        <button type="button" className="button" onClick={() => void ask(tokenRoute)}>
          Get a token through {tokenRoute}
        </button>
        <button type="button" className="button secondary" onClick={() => void ask(otherRoute)}>
          Try {otherRoute} instead
        </button>
      </div>
      {outcome?.ok && (
        <p className="success" role="status" data-testid="route-result">
          Got a token through <code>{outcome.route}</code>.
        </p>
      )}
      {outcome && !outcome.ok && (
        <ProblemPanel problem={{ kind: "token", explained: outcome.problem }} />
      )}
    </section>
  );
}
