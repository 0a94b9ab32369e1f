import { currentSession } from "@/lib/sessions/current-session";

/**
 * What the encrypted session cookie holds, read on the server: the one refresh token (shown only
 * as present or absent) and one access token per audience and scope.
 */
export async function SessionTokens() {
  const session = await currentSession();
  if (!session) return <p>Sign in to see the tokens kept in your session.</p>;
  const { tokenSet } = session;
  const others = session.accessTokens ?? [];
  const rows = [
    {
      audience: tokenSet.audience ?? "(default)",
      scope: tokenSet.scope,
      expiresAt: tokenSet.expiresAt,
      note: "from sign-in",
    },
    ...others.map((entry) => ({
      audience: entry.audience,
      scope: entry.scope,
      expiresAt: entry.expiresAt,
      note: "from a refresh",
    })),
  ];
  return (
    <div className="card" data-testid="session-tokens">
      <h3>Your session</h3>
      <p>
        Refresh token:{" "}
        <strong data-testid="refresh-token-state">
          {tokenSet.refreshToken ? "one, shared by every API" : "none"}
        </strong>
      </p>
      <table>
        <caption>Access tokens in the session</caption>
        <thead>
          <tr>
            <th scope="col">Audience</th>
            <th scope="col">Scope</th>
            <th scope="col">Expires</th>
            <th scope="col">Obtained</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.audience} ${row.scope}`} data-testid="session-token-row">
              <td>{row.audience}</td>
              <td>{row.scope ?? "—"}</td>
              <td>{new Date(row.expiresAt * 1000).toLocaleTimeString("en-GB")}</td>
              <td>{row.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
