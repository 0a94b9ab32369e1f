import { AccessTokenError, MfaRequiredError } from "@auth0/nextjs-auth0/errors";
import {
  tokenErrorCatalogue,
  type TokenErrorCode,
  type TokenErrorEntry,
} from "@/lib/tokens/token-error-catalogue";

/** A failure of `getAccessToken()` as the user is told about it: what was thrown, why, and the fix. */
export type ExplainedTokenError = Omit<TokenErrorEntry, "raisedAs"> & {
  code: TokenErrorCode;
  /** What the SDK said, verbatim. */
  message: string;
  /** The error's class, as a developer would see it in the console. */
  errorClass: "AccessTokenError" | "MfaRequiredError" | "Error";
};

/**
 * Turns whatever `getAccessToken()` threw into a cause and a fix to show the user.
 *
 * @example
 * try {
 *   await getAccessToken();
 * } catch (error) {
 *   const { cause, fix } = explainTokenError(error);
 * }
 */
export function explainTokenError(error: unknown): ExplainedTokenError {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof MfaRequiredError) {
    return {
      code: "mfa_required",
      message,
      errorClass: "MfaRequiredError",
      ...tokenErrorCatalogue.mfa_required,
    };
  }
  if (error instanceof AccessTokenError) {
    const code = isKnownCode(error.code) ? error.code : "unknown";
    return { code, message, errorClass: "AccessTokenError", ...tokenErrorCatalogue[code] };
  }
  // fetch() rejects with a TypeError when the request never got an answer.
  const code: TokenErrorCode =
    error instanceof TypeError
      ? "network_error"
      : message.startsWith("An unexpected error occurred while trying to fetch the access token")
        ? "route_not_found"
        : "unknown";
  return { code, message, errorClass: "Error", ...tokenErrorCatalogue[code] };
}

function isKnownCode(code: string): code is TokenErrorCode {
  return Object.hasOwn(tokenErrorCatalogue, code);
}
