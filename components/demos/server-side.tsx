import type { SessionData } from "@auth0/nextjs-auth0/types";
import { headers } from "next/headers";
import { apis } from "@/config/apis";
import { PRE_REFRESH_ERROR_HEADER } from "@/lib/proxy/pre-refresh";
import { auth0 } from "@/lib/auth0";
import { currentSession } from "@/lib/sessions/current-session";
import { serverEnv } from "@/lib/env/server-env";
import { inspectToken } from "@/lib/tokens/inspect-token";
import type { ProfileResponse } from "@/lib/demo-apis/contracts/profile-contract";

/**
 * Seconds of validity a token needs for this page to use it: more than the render takes, so that
 * the SDK cannot find it expired and refresh it inside the Server Component.
 */
const RENDER_MARGIN_SECONDS = 1;

const hasFreshToken = (session: SessionData) =>
  (session.tokenSet.expiresAt ?? 0) - Date.now() / 1000 > RENDER_MARGIN_SECONDS;

/**
 * A Server Component that gets the access token on the server and calls the Profile API with it.
 * The token never reaches the browser: only what was decoded from it is rendered.
 */
export async function ServerSideDemo() {
  const session = await currentSession();
  if (!session) {
    return (
      <p className="problem" role="alert">
        Not signed in: <code>auth0().getAccessToken()</code> would throw{" "}
        <code>missing_session</code>. <a href="/auth/login?returnTo=/server-side">Sign in</a>.
      </p>
    );
  }
  const preRefreshError = (await headers()).get(PRE_REFRESH_ERROR_HEADER);
  if (preRefreshError) {
    // Asking again here would refresh where the new refresh token cannot be saved.
    return (
      <p className="problem" role="alert" data-testid="server-token-error">
        The token could not be refreshed before this page rendered: <code>{preRefreshError}</code>.{" "}
        <a href="/auth/login?returnTo=/server-side">Sign in</a> again, or reload once the
        authorization server is reachable.
      </p>
    );
  }
  if (!hasFreshToken(session)) {
    // Only a request the proxy did not refresh for (a prefetch) gets here: never refresh here.
    return (
      <p className="problem" role="alert" data-testid="server-token-error">
        The access token has expired and this request did not refresh it (a prefetch never does).
        Reload the page: the proxy refreshes it before the page renders.
      </p>
    );
  }
  // #region server-side
  // Already fresh: proxy.ts refreshed it (and saved the cookie) before this page rendered, so
  // the SDK answers from the session and never refreshes here, where no cookie can be saved.
  const { token } = await auth0().getAccessToken();
  const response = await fetch(new URL("/api/profile/me", serverEnv().appBaseUrl), {
    headers: { Authorization: `Bearer ${token}` },
    cache: "no-store",
  });
  // #endregion
  const profile = response.ok ? ((await response.json()) as ProfileResponse) : null;
  const info = inspectToken(token, { audience: apis.profile.audience });
  return (
    <div className="card" data-testid="server-token">
      <h3>Rendered on the server</h3>
      <p>
        Profile API: {response.status}{" "}
        {profile && (
          <>
            — <strong data-testid="server-profile-name">{profile.name}</strong>
          </>
        )}
      </p>
      {info.ok && (
        <dl className="claims">
          <dt>aud</dt>
          <dd data-testid="server-claim-aud">{info.claims.aud.join(" ")}</dd>
          <dt>scope</dt>
          <dd>{info.grantedScopes.join(" ")}</dd>
          <dt>expires in</dt>
          <dd>{info.expiresIn} s</dd>
        </dl>
      )}
    </div>
  );
}
