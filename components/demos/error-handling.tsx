"use client";

import { getAccessToken, tokenManager } from "@/lib/tokens/browser-tokens";
import { useState, type ReactNode } from "react";
import { apis } from "@/config/apis";
import { explainTokenError, type ExplainedTokenError } from "@/lib/tokens/explain-token-error";
import { ProblemPanel } from "@/components/problem-panel";

type Outcome = { id: string } & ({ problem: ExplainedTokenError } | { token: string });

// #region handle-errors
async function getTokenOrExplain(options?: Parameters<typeof getAccessToken>[0]) {
  try {
    return { token: await getAccessToken(options) };
  } catch (error) {
    // AccessTokenError has a `code`; a misconfigured route throws a plain Error.
    return { problem: explainTokenError(error) };
  }
}
// #endregion

const ordersToken = { audience: apis.orders.audience };

/** What revoking the session's refresh token at the authorization server came to. */
export type RevokeResult = { ok: true } | { ok: false; reason: string };

/**
 * Each error `getAccessToken` can throw, brought about by a real condition. The chapter's page
 * hands in its Server Action that revokes the session's refresh token.
 */
export function ErrorHandlingDemo({
  revokeSessionRefreshToken,
}: {
  revokeSessionRefreshToken: () => Promise<RevokeResult>;
}) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function run(
    id: string,
    scenario: () => Promise<{ problem: ExplainedTokenError } | { token: string }>,
  ) {
    setBusy(id);
    setOutcome({ id, ...(await scenario()) });
    setBusy(null);
  }

  const scenario = (
    id: string,
    title: string,
    body: ReactNode,
    label: string,
    action: () => Promise<{ problem: ExplainedTokenError } | { token: string }>,
  ) => (
    <li className="card" key={id} id={`scenario-${id}`} data-testid={`scenario-${id}`}>
      <h3>{title}</h3>
      {body}
      <button
        type="button"
        className="button"
        disabled={busy !== null}
        onClick={() => void run(id, action)}
      >
        {busy === id ? "Working…" : label}
      </button>
      {outcome?.id === id &&
        ("problem" in outcome ? (
          <ProblemPanel problem={{ kind: "token", explained: outcome.problem }} />
        ) : (
          <p className="success" role="status">
            No error: got a token. Set up the condition described above first.
          </p>
        ))}
    </li>
  );

  return (
    <ol className="scenarios">
      {scenario(
        "missing_session",
        "missing_session",
        <p>
          Signs you out in the background (the session cookie is deleted), then asks for a token.
        </p>,
        "Sign out quietly and ask for a token",
        async () => {
          await fetch("/auth/logout", { redirect: "manual" });
          tokenManager.clear(); // as the Sign out link does
          return getTokenOrExplain();
        },
      )}
      {scenario(
        "missing_refresh_token",
        "missing_refresh_token",
        <p>
          First{" "}
          <a
            href={`/auth/login?scope=${encodeURIComponent("openid profile email read:profile")}&returnTo=/error-handling`}
          >
            sign in without offline_access
          </a>
          : the session then has no refresh token. Then ask for a token for an API the session has
          none for yet.
        </p>,
        "Ask for an Orders API token",
        () => getTokenOrExplain(ordersToken),
      )}
      {scenario(
        "failed_to_refresh_token",
        "failed_to_refresh_token",
        <p>
          Revokes the session&apos;s refresh token at the authorization server (as an admin or a
          security tool would), then asks for a token that needs a refresh. You will need to sign in
          again afterwards.
        </p>,
        "Revoke my refresh token and ask for a token",
        async () => {
          const revoked = await revokeSessionRefreshToken();
          if (!revoked.ok) return { problem: { ...explainTokenError(new Error(revoked.reason)) } };
          return getTokenOrExplain({ ...ordersToken, scope: "read:orders write:orders" });
        },
      )}
      {scenario(
        "session_expired",
        "session_expired — and what SDK 4.30 says instead",
        <p>
          First <a href="/auth/login?prompt=login&amp;returnTo=/error-handling">sign in again</a> as{" "}
          <code>short-session@example.com</code> / <code>short-session-password</code>: its ID token
          carries a <code>session_expiry</code> 45 seconds after sign-in, and the SDK ends the
          session 30 seconds before that. Wait 15 seconds, then ask. The SDK defines{" "}
          <code>session_expired</code> for this, but its token route drops the expired session
          before it looks at tokens, so the browser gets <code>missing_session</code>.
        </p>,
        "Ask for a token",
        () => getTokenOrExplain(),
      )}
      {scenario(
        "invalid_scope",
        "invalid_scope — refused by this app's token route",
        <p>
          Asks for a scope that the Profile API does not define. The token route refuses it with a
          400 before the SDK stores the request in the session.
        </p>,
        "Ask for the scope admin:everything",
        () => getTokenOrExplain({ scope: "admin:everything" }),
      )}
      {scenario(
        "mfa_required",
        "MfaRequiredError — a scope that needs a second factor",
        <p>
          Asks for <code>refund:orders</code>, which the authorization server grants only after a
          second factor. Without one in this session it answers <code>403 mfa_required</code>; the
          Step-up MFA chapter shows both ways out.
        </p>,
        "Ask for refund:orders",
        () => getTokenOrExplain({ ...ordersToken, scope: "refund:orders" }),
      )}
      {scenario(
        "route_not_found",
        "A plain Error: the token route is wrong",
        <p>
          Asks a route that the server does not serve, as a client built with another{" "}
          <code>NEXT_PUBLIC_ACCESS_TOKEN_ROUTE</code> would. The 404 page is not JSON.
        </p>,
        "Ask /auth/no-such-route",
        () => getTokenOrExplain({ route: "/auth/no-such-route" }),
      )}
    </ol>
  );
}
