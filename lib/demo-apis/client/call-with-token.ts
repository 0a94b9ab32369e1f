import { explainTokenError, type ExplainedTokenError } from "@/lib/tokens/explain-token-error";
import { callApi, type ApiFailure } from "./call-api";

/** Why a demo API call failed: no token could be had, or the API refused the one it got. */
export type ApiCallProblem =
  { kind: "token"; explained: ExplainedTokenError } | { kind: "api"; failure: ApiFailure };

/** The error a failed call throws: an `Error` (so stack traces work) carrying the problem. */
export class ApiCallError extends Error {
  constructor(readonly problem: ApiCallProblem) {
    super(problem.kind === "token" ? problem.explained.message : problem.failure.description);
    this.name = "ApiCallError";
  }
}

/**
 * What `getAccessToken()` threw, as the problem a page shows.
 *
 * @example
 * setState({ status: "failed", problem: tokenProblem(error) });
 */
export const tokenProblem = (error: unknown): ApiCallProblem => ({
  kind: "token",
  explained: explainTokenError(error),
});

/**
 * Gets a token and calls an API route with it. When the API refuses the token as
 * `invalid_token` (it expired in transit, the keys rotated), `forgetToken` drops it from the
 * cache and the call is made once more with a new one.
 *
 * @example
 * const { data, token } = await callWithToken<ProfileResponse>("/api/profile/me", {
 *   getToken: () => getAccessToken({ audience }),
 *   forgetToken: () => tokenManager.invalidate({ audience }),
 * });
 */
export async function callWithToken<T>(
  url: string,
  { getToken, forgetToken }: { getToken: () => Promise<string>; forgetToken: () => void },
): Promise<{ data: T; token: string }> {
  const call = async () => {
    let token: string;
    try {
      token = await getToken();
    } catch (error) {
      throw new ApiCallError(tokenProblem(error));
    }
    return { token, result: await callApi<T>(url, token) };
  };
  let { token, result } = await call();
  if (!result.ok && result.error === "invalid_token") {
    forgetToken();
    ({ token, result } = await call());
  }
  if (!result.ok) throw new ApiCallError({ kind: "api", failure: result });
  return { data: result.data, token };
}
