import { AccessTokenError } from "@auth0/nextjs-auth0/errors";

/**
 * How long one token request may hold the cross-tab lock before it counts as hung. Longer than the
 * token route ever takes on its own: the SDK's refresh gives up after 5 s, and the server answers
 * `session_busy` after waiting 10 s for another refresh of the session. So the server's own,
 * better-named errors arrive first, and only a request that will never be answered meets it.
 */
export const TOKEN_REQUEST_TIMEOUT_MS = 15_000;

/**
 * How long a token request waits for the cross-tab lock. Longer than `TOKEN_REQUEST_TIMEOUT_MS`, so
 * a waiter outlasts one hung request of another tab and still gets its turn.
 */
export const TOKEN_LOCK_TIMEOUT_MS = 20_000;

/**
 * The token route did not answer within `TOKEN_REQUEST_TIMEOUT_MS`, or a request of this tab
 * ahead of this one did not (`behind`). An `AccessTokenError` with a code of this app's own, so
 * that callers handle it as they handle the SDK's.
 *
 * @example
 * throw new TokenRequestTimeoutError(TOKEN_REQUEST_TIMEOUT_MS);
 */
export class TokenRequestTimeoutError extends AccessTokenError {
  constructor(
    readonly timeoutMs: number,
    { behind = false }: { behind?: boolean } = {},
  ) {
    super(
      "token_request_timeout",
      behind
        ? `A token request of this tab got no answer within ${timeoutMs} ms; this one, queued ` +
            "behind it, gave up with it."
        : `The token route did not answer within ${timeoutMs} ms.`,
    );
    this.name = "TokenRequestTimeoutError";
  }
}

/**
 * The cross-tab lock was not granted within `TOKEN_LOCK_TIMEOUT_MS`: other tabs held it all that
 * time. An `AccessTokenError` with a code of this app's own.
 *
 * @example
 * throw new TokenLockTimeoutError(TOKEN_LOCK_TIMEOUT_MS);
 */
export class TokenLockTimeoutError extends AccessTokenError {
  constructor(readonly timeoutMs: number) {
    super(
      "token_lock_timeout",
      `Other tabs of this app held the token lock for ${timeoutMs} ms; this request gave up waiting.`,
    );
    this.name = "TokenLockTimeoutError";
  }
}
