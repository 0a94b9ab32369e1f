import { apis } from "@/config/apis";
import { callbackPaths } from "@/config/paths";
import { defaultRefreshTokenPolicies, MFA_OTP_GRANT } from "@/local-issuer/config";

/**
 * What the app needs from its tenant, from the app's own configuration: `auth0:setup` makes the
 * tenant so and `auth0:check` verifies it. Every API the app names (the Reports API too: the MRRT
 * chapter shows what happens with an API that exists but is outside the policy), and the refresh
 * token policies of the local server's default tenant, so local and Auth0 behave alike.
 */
export const desiredApis = Object.values(apis).map((api) => ({
  identifier: api.audience,
  name: api.name,
  scopes: [...api.scopes] as string[],
  /** Only DPoP-bound tokens (the Payments API): Auth0 issues none without a proof. */
  proofOfPossession: "proofOfPossession" in api ? { ...api.proofOfPossession } : undefined,
}));

/** The MRRT policies the application needs: one per API the app refreshes tokens for. */
export const desiredPolicies = defaultRefreshTokenPolicies.map(({ audience, scope }) => ({
  audience,
  scope: [...scope],
}));

/**
 * Grant types the SDK uses: the code flow at sign-in, refresh tokens afterwards, and the MFA
 * grant that `mfa.verify()` (the step-up chapter's in-page code) sends.
 */
export const desiredGrantTypes = ["authorization_code", "refresh_token", MFA_OTP_GRANT];

/**
 * The URLs the SDK sends for this `APP_BASE_URL`: the callback route of each of the app's two
 * clients (the DPoP one's too, `lib/auth0-dpop.ts`), and the base URL exactly as configured as
 * the logout return address (both clients return there).
 *
 * @example
 * appUrls("http://localhost:3000/").callbacks;
 * // ["http://localhost:3000/auth/callback", "http://localhost:3000/auth/dpop/callback"]
 */
export function appUrls(appBaseUrl: string): { callbacks: string[]; logout: string } {
  const base = appBaseUrl.replace(/\/+$/, "");
  return { callbacks: callbackPaths.map((path) => base + path), logout: appBaseUrl };
}
