import { timingSafeEqual } from "node:crypto";
import type { Account, AccountClaims } from "oidc-provider";
import { demoUsers, type DemoUser } from "@/config/demo-users";
import { demoUsersUpdatedAt } from "../config";

/**
 * The demo user with this email and password, or undefined. The comparison takes the same time
 * whatever the password, a habit worth copying even here.
 *
 * @example
 * checkCredentials("demo@example.com", "demo-password")?.name; // "Demo User"
 */
export function checkCredentials(email: string, password: string): DemoUser | undefined {
  const user = demoUsers.find((candidate) => candidate.email === email.trim().toLowerCase());
  const expected = Buffer.from(user?.password ?? "");
  const given = Buffer.from(password);
  const same = expected.length === given.length && timingSafeEqual(expected, given);
  return user && same ? user : undefined;
}

/** The profile claims Auth0 puts in ID tokens; oidc-provider filters them by granted scope. */
function profileClaims(user: DemoUser, authTime: number | undefined): AccountClaims {
  const ceiling =
    user.sessionLifetimeSeconds === undefined
      ? {}
      : {
          session_expiry: (authTime ?? Math.floor(Date.now() / 1000)) + user.sessionLifetimeSeconds,
        };
  return {
    ...ceiling,
    sub: user.id,
    name: user.name,
    nickname: user.nickname,
    picture: user.picture,
    email: user.email,
    email_verified: true,
    updated_at: demoUsersUpdatedAt,
  };
}

/**
 * oidc-provider's `findAccount`: the account behind a `sub`, or undefined for an unknown one
 * (which makes oidc-provider reject the session or token that names it).
 *
 * @example
 * const account = findAccount("auth0|local-demo-user");
 * await account?.claims("id_token", "openid profile", {}, []);
 */
export function findAccount(sub: string, authTime?: number): Account | undefined {
  const user: DemoUser | undefined = demoUsers.find((candidate) => candidate.id === sub);
  if (!user) return undefined;
  return { accountId: user.id, claims: () => profileClaims(user, authTime) };
}
