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
] as const satisfies readonly DemoUser[];
