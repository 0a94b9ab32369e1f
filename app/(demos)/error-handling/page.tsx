import type { Metadata } from "next";
import { Chapter } from "@/components/chapter";
import { CodeSample } from "@/components/code-sample";
import { ErrorHandlingDemo } from "@/components/demos/error-handling";
import { revokeSessionRefreshToken } from "./revoke-refresh-token";
import { tokenErrorCatalogue, type TokenErrorCode } from "@/lib/tokens/token-error-catalogue";

export const metadata: Metadata = { title: "Error handling" };

/**
 * Where the chapter brings each error about: the scenario above that does it for real, or why
 * none does. A `Record` over every code, so a new code cannot be left out of the table.
 */
const shownHere: Record<TokenErrorCode, { scenario: string } | { notShown: string }> = {
  missing_session: { scenario: "missing_session" },
  missing_refresh_token: { scenario: "missing_refresh_token" },
  failed_to_refresh_token: { scenario: "failed_to_refresh_token" },
  session_expired: { scenario: "session_expired" },
  route_not_found: { scenario: "route_not_found" },
  invalid_scope: { scenario: "invalid_scope" },
  invalid_audience: {
    notShown:
      "Not brought about here: the same guard as invalid_scope; the security tests send it.",
  },
  authorization_server_unreachable: {
    notShown: "Not brought about here: stop the local issuer, wait for the token to expire, ask.",
  },
  session_store_unavailable: {
    notShown:
      "Not brought about here: run with REDIS_URL and stop redis-server; the Redis tests do.",
  },
  session_busy: {
    notShown:
      "Not brought about here: it needs a refresh slower than 6 s, or one that fails while " +
      "others wait; the Redis tests stall the authorization server.",
  },
  invalid_request: {
    notShown: "Not brought about here: the demos never send mergeScopes; the security tests do.",
  },
  cross_site_request: {
    notShown: "Not brought about here: this page is same-origin; the security tests send it.",
  },
  method_not_allowed: {
    notShown: "Not brought about here: getAccessToken() always sends GET.",
  },
  token_request_timeout: {
    notShown:
      "Not brought about here: it takes a token route that never answers; the browser tests " +
      "hold one in a tab.",
  },
  token_lock_timeout: {
    notShown: "Not brought about here: it takes other tabs holding the lock; the unit tests do.",
  },
  mfa_required: { scenario: "mfa_required" },
  network_error: {
    notShown: "Not brought about here: stop the app server, then press any demo button.",
  },
  unknown: { notShown: "Not brought about here: the catch-all for anything else." },
};

export default function ErrorHandlingPage() {
  return (
    <Chapter slug="error-handling">
      <p>
        When the token route cannot give a token, <code>getAccessToken</code> throws an{" "}
        <code>AccessTokenError</code> (from <code>@auth0/nextjs-auth0/errors</code>) whose{" "}
        <code>code</code> says why. Each scenario below brings about one of them for real and shows
        what this app tells the user. The authorization server&apos;s own error is not passed to the
        browser: the server logs have it.
      </p>
      <ErrorHandlingDemo revokeSessionRefreshToken={revokeSessionRefreshToken} />
      <p>
        Handle <code>session_expired</code> and <code>missing_session</code> the same way: send the
        user to sign in.
      </p>
      <h2>The code</h2>
      <CodeSample file="components/demos/error-handling.tsx" region="handle-errors" />
      <h2>Every error, its cause and its fix</h2>
      <table className="reference">
        <thead>
          <tr>
            <th scope="col">Error</th>
            <th scope="col">Raised as</th>
            <th scope="col">Cause</th>
            <th scope="col">Fix</th>
            <th scope="col">On this page</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(tokenErrorCatalogue).map(([code, { raisedAs, cause, fix }]) => {
            const shown = shownHere[code as TokenErrorCode];
            return (
              <tr key={code} data-testid={`reference-${code}`}>
                <td>
                  <code>{code}</code>
                </td>
                <td>{raisedAs}</td>
                <td>{cause}</td>
                <td>{fix}</td>
                <td>
                  {"scenario" in shown ? (
                    <a href={`#scenario-${shown.scenario}`}>Scenario above</a>
                  ) : (
                    shown.notShown
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Chapter>
  );
}
