import { TOKEN_LOCK_TIMEOUT_MS, TOKEN_REQUEST_TIMEOUT_MS } from "@/lib/tokens/token-deadlines";

/**
 * Every way `getAccessToken()` can fail in this app, as a discriminated union on `code`: the
 * SDK's `AccessTokenError` codes, its `MfaRequiredError`, the codes of this app's token route and
 * token manager, and two labels of this app's own for a plain `Error` (`route_not_found`: the
 * token route answered something that is not JSON; `network_error`: no answer at all). The SDK
 * itself has no code for those two.
 */
export type TokenErrorCode =
  | "missing_session"
  | "missing_refresh_token"
  | "failed_to_refresh_token"
  | "session_expired"
  | "authorization_server_unreachable"
  | "session_store_unavailable"
  | "session_busy"
  | "invalid_audience"
  | "invalid_scope"
  | "invalid_request"
  | "cross_site_request"
  | "method_not_allowed"
  | "token_request_timeout"
  | "token_lock_timeout"
  | "mfa_required"
  | "route_not_found"
  | "network_error"
  | "unknown";

/** What this app tells the user about one code. */
export type TokenErrorEntry = {
  /** What the caller catches, for the reference table: the SDK's class, or what this app labels. */
  raisedAs: string;
  cause: string;
  fix: string;
  /** Where the user can go to fix it themselves, when a click can. */
  action?: { label: string; href: string };
};

const signIn = { label: "Sign in again", href: "/auth/login" };

const seconds = (ms: number) => `${ms / 1000} s`;

/** Every code with its cause and fix: the problem panel and the error chapter's table read it. */
export const tokenErrorCatalogue: Record<TokenErrorCode, TokenErrorEntry> = {
  missing_session: {
    raisedAs: "AccessTokenError",
    cause: "There is no session: the user is not signed in, or the session cookie is gone.",
    fix: "Sign in. In code, guard the component with useUser() or withPageAuthRequired.",
    action: signIn,
  },
  missing_refresh_token: {
    raisedAs: "AccessTokenError",
    cause:
      "The token for this audience is expired or was never obtained, and the session has no " +
      "refresh token to get one: the login did not ask for offline_access.",
    fix:
      "Request offline_access at login (the scope map in lib/auth0.ts does) and turn on " +
      "Allow Offline Access for the API in Auth0; then sign in again.",
    action: signIn,
  },
  failed_to_refresh_token: {
    raisedAs: "AccessTokenError",
    cause:
      "The authorization server refused the refresh grant. Common reasons: the refresh token " +
      "was revoked or reused (rotation), or the audience is not in the application's refresh " +
      "token (MRRT) policies when the tenant refuses it. The SDK does not pass the server's " +
      "own error to the browser; the server logs have it.",
    fix:
      "Sign in again to get a new refresh token. For a new audience, add it to the " +
      "application's refresh_token.policies (Management API).",
    action: signIn,
  },
  session_expired: {
    raisedAs: "AccessTokenError",
    cause:
      "The session reached the lifetime the authorization server set for it (the ID token's " +
      "session_expiry claim). In SDK 4.30 the token route drops such a session before it looks " +
      "at tokens, so the browser sees missing_session; session_expired comes from the server " +
      "side and other SDK versions.",
    fix: "Sign in again; the SDK has already removed the expired session.",
    action: signIn,
  },
  authorization_server_unreachable: {
    raisedAs: "AccessTokenError; a code of this app's token route (503), not the SDK's",
    cause:
      "The token needed a refresh, and the authorization server could not be reached. The " +
      "session is kept: nothing was refused.",
    fix: "Try again in a few seconds. Locally, check that the local issuer is running (npm run dev).",
  },
  session_store_unavailable: {
    raisedAs: "AccessTokenError; a code of this app's token route (503), not the SDK's",
    cause:
      "Sessions live in Redis (REDIS_URL) and Redis cannot be reached: no session can be read " +
      "or saved. The app never falls back to cookies, so nothing is mixed up or lost.",
    fix: "Try again in a few seconds. If you run the app, start redis-server or fix REDIS_URL.",
  },
  session_busy: {
    raisedAs: "AccessTokenError; a code of this app's token route (503), not the SDK's",
    cause:
      "Another request of this session, on this instance or another, has been refreshing its " +
      "tokens for longer than a request waits (6 s), or its refresh failed while this request " +
      "waited (its refresh token may be spent, so it is not sent again): the authorization " +
      "server is very slow or unreachable.",
    fix: "Try again in a moment; the other request's token will be there.",
  },
  invalid_audience: {
    raisedAs: "AccessTokenError; a code of this app's token route (400), not the SDK's",
    cause:
      "The audience asked for is not one of the APIs this app knows (config/apis.ts), is empty, " +
      "or was given twice. The token route refuses it before the SDK sees it.",
    fix: "Ask for the audience of one of the APIs in config/apis.ts, or none for the sign-in API.",
  },
  invalid_scope: {
    raisedAs: "AccessTokenError; a code of this app's token route (400), not the SDK's",
    cause:
      "The scope asks for something the API does not define, is too long, or is not scope " +
      "names separated by single spaces. The token route refuses it before the SDK stores it " +
      "in the session.",
    fix: "Ask only for scopes the API defines (config/apis.ts) and the OpenID Connect ones.",
  },
  invalid_request: {
    raisedAs: "AccessTokenError; a code of this app's token route (400), not the SDK's",
    cause:
      "The token request carried a parameter other than audience and scope (the SDK's " +
      "mergeScopes, for one). It could make the SDK pick a token the server's refresh guard did " +
      "not consider, so the token route refuses it before the SDK sees it.",
    fix: "Call getAccessToken() with audience and scope only.",
  },
  cross_site_request: {
    raisedAs: "AccessTokenError; a code of this app's token route (403), not the SDK's",
    cause:
      "The request came from another site (Sec-Fetch-Site). Only this app's own pages may ask " +
      "for tokens with the user's session.",
    fix: "Call getAccessToken() from this app's pages. Another app needs its own session.",
  },
  method_not_allowed: {
    raisedAs: "AccessTokenError; a code of this app's token route (405), not the SDK's",
    cause: "The token route answers GET only.",
    fix: "Use getAccessToken(), which sends a GET.",
  },
  token_request_timeout: {
    raisedAs:
      "AccessTokenError (TokenRequestTimeoutError); a code of this app's token manager, not the SDK's",
    cause:
      `The token route did not answer within ${seconds(TOKEN_REQUEST_TIMEOUT_MS)}: the app ` +
      "server or the network hangs. The request gave the cross-tab token lock back at that " +
      "deadline, so the other tabs went on; this tab's requests queued behind it gave up with it.",
    fix:
      "Try again. If it keeps happening, check that the app server answers the token route " +
      "(its logs, the browser's network panel).",
  },
  token_lock_timeout: {
    raisedAs:
      "AccessTokenError (TokenLockTimeoutError); a code of this app's token manager, not the SDK's",
    cause:
      `Other tabs of this app held the cross-tab token lock for ${seconds(TOKEN_LOCK_TIMEOUT_MS)} ` +
      "while this request waited: their token requests were answered slowly, one after another.",
    fix: "Try again in a moment; close the tabs of this app that are stuck loading.",
  },
  mfa_required: {
    raisedAs: "MfaRequiredError (403 from the token route)",
    cause:
      "The scope asked for needs a second factor (step-up) that this session has not shown: " +
      "the authorization server answered 403 mfa_required with an mfa_token.",
    fix:
      "Prove the factor with mfa.challengeWithPopup() (lasts for the session) or " +
      "mfa.challenge() and mfa.verify() with the error's mfa_token (this token only), then ask again.",
  },
  route_not_found: {
    raisedAs: "a plain Error; route_not_found is this app's label, not an SDK code",
    cause:
      "The token route answered something that is not JSON, usually a 404 page: the client " +
      "asked a route the server does not serve. NEXT_PUBLIC_ACCESS_TOKEN_ROUTE is read at build " +
      "time, so changing it without rebuilding points the browser at the old path.",
    fix: "Use the same route on both sides and rebuild after changing NEXT_PUBLIC_ACCESS_TOKEN_ROUTE.",
  },
  network_error: {
    raisedAs: "the TypeError of fetch; network_error is this app's label, not an SDK code",
    cause:
      "The browser could not reach the app's token route at all (offline, or the server is down).",
    fix: "Check the connection and that the app is running, then try again.",
  },
  unknown: {
    raisedAs: "anything else",
    cause: "getAccessToken() failed in a way this app does not know.",
    fix: "Read the message and the server logs.",
  },
};
