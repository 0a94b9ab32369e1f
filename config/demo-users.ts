/**
 * The users of the local authorization server's sign-in page. The app's end-to-end tests sign in
 * as them, and the demo Profile API seeds their profiles from here.
 *
 * Plain-text passwords: the local server is for local use only and refuses to run in production.
 */
export type DemoUser = {
  /** The `sub` claim, shaped like an Auth0 database-connection user id. */
  id: string;
  email: string;
  password: string;
  name: string;
  nickname: string;
  /**
   * Seconds from sign-in to the session's ceiling: the ID token then carries `session_expiry`,
   * as an Auth0 tenant with a session lifetime policy sends it. Unset: no ceiling.
   */
  sessionLifetimeSeconds?: number;
};

export const demoUsers = [
  {
    id: "auth0|local-demo-user",
    email: "demo@example.com",
    password: "demo-password",
    name: "Demo User",
    nickname: "demo",
  },
  {
    id: "auth0|local-second-user",
    email: "second@example.com",
    password: "second-password",
    name: "Second User",
    nickname: "second",
  },
  {
    id: "auth0|local-short-session-user",
    email: "short-session@example.com",
    password: "short-session-password",
    name: "Short Session User",
    nickname: "short",
    // The SDK treats a ceiling as reached 30 s early: this session ends 15 s after sign-in.
    sessionLifetimeSeconds: 45,
  },
] as const satisfies readonly DemoUser[];
