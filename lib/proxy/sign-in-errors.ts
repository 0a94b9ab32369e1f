/**
 * What can go wrong between "Sign in" and being signed in, as the app's error page explains it.
 * The SDK answers these with a plain-text 500; `proxy.ts` and the `onCallback` hook send the
 * browser to `/sign-in-error?reason=…` instead.
 */
export const signInErrors = {
  authorization_server_unreachable: {
    title: "The authorization server cannot be reached",
    cause:
      "Sign-in starts by reading the authorization server's discovery document, and that request " +
      "failed: the server is down, or AUTH0_DOMAIN names a host that does not answer.",
    fix:
      "Locally: start it with npm run dev (or npm run issuer). With a tenant: check AUTH0_DOMAIN " +
      "in .env.local (the bare host from the Auth0 dashboard, for example my-tenant.us.auth0.com).",
  },
  invalid_state: {
    title: "This sign-in cannot be completed",
    cause:
      "The callback arrived without a sign-in of this browser to match it: the state is missing, " +
      "forged, or from a sign-in that already finished or expired (a reused or bookmarked link).",
    fix: "Start again from the Sign in button.",
  },
  authorization_error: {
    title: "The authorization server refused the sign-in",
    cause: "The authorization server answered the sign-in with an error (shown below).",
    fix: "Read the error; try again, or check the application's settings at the authorization server.",
  },
  callback_failed: {
    title: "The sign-in could not be completed",
    cause:
      "Exchanging the authorization code for tokens failed: the authorization server refused " +
      "it or could not be reached.",
    fix: "Try again. If it keeps failing, check AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET and the logs.",
  },
} as const;

export type SignInErrorReason = keyof typeof signInErrors;

/** The command that checks the tenant's configuration, and what it checks (`provisioning/checks.ts`). */
export const tenantCheck = {
  command: "npm run auth0:check",
  checks:
    "discovery and its issuer, the client id and secret, the callback and logout URLs, the " +
    "APIs and their scopes, refresh token rotation and the refresh token policies",
} as const;

/** Refusals of the authorization server that a setting of the tenant or of `.env.local` causes. */
const CONFIGURATION_CODES = new Set([
  "access_denied",
  "unauthorized_client",
  "invalid_client",
  "invalid_request",
  "invalid_scope",
  "consent_required",
  "unsupported_response_type",
]);

/**
 * Whether the failure can come from the configuration, so the page names {@link tenantCheck}:
 * an unreachable server (AUTH0_DOMAIN), a refused code exchange (client id or secret), or a
 * refusal such as `unauthorized_client`. A missing or forged state never does.
 *
 * @example
 * suggestsTenantCheck("authorization_error", "unauthorized_client"); // true
 * suggestsTenantCheck("invalid_state"); // false
 */
export function suggestsTenantCheck(reason: SignInErrorReason, code?: string): boolean {
  if (reason === "invalid_state") return false;
  if (reason === "authorization_error") return code !== undefined && CONFIGURATION_CODES.has(code);
  return true;
}

/**
 * The page a failed sign-in is sent to.
 *
 * @example
 * signInErrorPath("invalid_state"); // "/sign-in-error?reason=invalid_state"
 */
export function signInErrorPath(reason: SignInErrorReason, code?: string): string {
  const query = new URLSearchParams({ reason });
  if (code) query.set("code", code);
  return `/sign-in-error?${query}`;
}

/**
 * The OAuth or SDK error code shown with the reason, when it looks like one: the page is reachable
 * by any link, so it never shows free text from the address bar.
 *
 * @example
 * signInErrorCode("access_denied"); // "access_denied"
 * signInErrorCode("Call +1 555 0100"); // undefined
 */
export function signInErrorCode(value: string | string[] | undefined): string | undefined {
  return typeof value === "string" && /^[a-z][a-z0-9_]{0,63}$/.test(value) ? value : undefined;
}

/**
 * Reads the reason back, refusing anything that is not one of ours.
 *
 * @example
 * signInErrorReason("forged"); // "callback_failed"
 */
export function signInErrorReason(value: string | string[] | undefined): SignInErrorReason {
  return typeof value === "string" && Object.hasOwn(signInErrors, value)
    ? (value as SignInErrorReason)
    : "callback_failed";
}

/**
 * Names a failed callback for the error page. Only codes travel: the SDK's messages may carry the
 * authorization server's `error_description`, which an attacker can put in a callback link.
 *
 * @example
 * signInErrorFor({ code: "invalid_state" }); // { reason: "invalid_state" }
 * signInErrorFor({ code: "authorization_error", cause: { code: "access_denied" } });
 * // { reason: "authorization_error", code: "access_denied" }
 */
export function signInErrorFor(error: { code?: string; cause?: unknown }): {
  reason: SignInErrorReason;
  code?: string;
} {
  const causeCode =
    typeof error.cause === "object" && error.cause !== null && "code" in error.cause
      ? signInErrorCode(String(error.cause.code))
      : undefined;
  switch (error.code) {
    case "missing_state":
    case "invalid_state":
      return { reason: "invalid_state" };
    case "discovery_error":
      return { reason: "authorization_server_unreachable" };
    case "authorization_error":
      return { reason: "authorization_error", code: causeCode };
    default:
      return { reason: "callback_failed", code: causeCode ?? signInErrorCode(error.code) };
  }
}
