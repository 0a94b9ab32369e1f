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
   * The `picture` claim. Auth0 gives every database user a Gravatar URL built from the MD5 of the
   * email, with its own avatar as fallback; these are the same URLs for the demo emails. Nothing
   * fetches them: the app does not render the picture (its CSP allows no remote images).
   */
  picture: string;
  /**
   * Seconds from sign-in to the session's ceiling: the ID token then carries `session_expiry`,
   * as an Auth0 tenant with a session lifetime policy sends it. Unset: no ceiling.
   */
  sessionLifetimeSeconds?: number;
  /**
   * A one-time-password (TOTP) authenticator the user is enrolled with from the start: its base32
   * secret. Unset: not enrolled; the local issuer offers enrolment when MFA is asked for.
   */
  totpSecret?: string;
};

export const demoUsers = [
  {
    id: "auth0|local-demo-user",
    email: "demo@example.com",
    password: "demo-password",
    name: "Demo User",
    nickname: "demo",
    picture:
      "https://s.gravatar.com/avatar/7c4ff521986b4ff8d29440beec01972d?s=480&r=pg&d=https%3A%2F%2Fcdn.auth0.com%2Favatars%2Fde.png",
    // A local demo secret: it works only with the local issuer, never with an Auth0 tenant. Add it
    // to an authenticator app (or compute codes with `otpauth`) to pass the local MFA challenge.
    totpSecret: "JBSWY3DPEHPK3PXPLOCALDEMOMFA2345",
  },
  {
    id: "auth0|local-second-user",
    email: "second@example.com",
    password: "second-password",
    name: "Second User",
    nickname: "second",
    picture:
      "https://s.gravatar.com/avatar/fb5de04bf1d2704933e3779e7ab79103?s=480&r=pg&d=https%3A%2F%2Fcdn.auth0.com%2Favatars%2Fse.png",
  },
  {
    id: "auth0|local-short-session-user",
    email: "short-session@example.com",
    password: "short-session-password",
    name: "Short Session User",
    nickname: "short",
    picture:
      "https://s.gravatar.com/avatar/ddcedc5f0a98874b2ac82e8b755c1562?s=480&r=pg&d=https%3A%2F%2Fcdn.auth0.com%2Favatars%2Fsh.png",
    // The SDK treats a ceiling as reached 30 s early: this session ends 15 s after sign-in.
    sessionLifetimeSeconds: 45,
  },
] as const satisfies readonly DemoUser[];
