import useSWR from "swr";
import { getAccessToken as sdkGetAccessToken } from "@auth0/nextjs-auth0";
import { getAccessToken, tokenManager } from "../tokens/browser-tokens";
import { explainTokenError, type ExplainedTokenError } from "../tokens/explain-token-error";
import { callApi, type ApiFailure } from "./call-api";
import { endpoints, type DemoApiId } from "./endpoints";

/** Why a demo API call failed: no token could be had, or the API refused the one it got. */
export type ApiCallProblem =
  { kind: "token"; explained: ExplainedTokenError } | { kind: "api"; failure: ApiFailure };

/** The error SWR hands back: an `Error` (so stack traces work) carrying the problem. */
export class ApiCallError extends Error {
  constructor(readonly problem: ApiCallProblem) {
    super(problem.kind === "token" ? problem.explained.message : problem.failure.description);
    this.name = "ApiCallError";
  }
}

export type ApiData<T> = {
  data: T;
  /** The access token the call used, for the token inspector. */
  token: string;
  audience: string;
  scope?: string;
};

/**
 * Gets a token for one demo API and calls one of its routes, with SWR's loading, error and
 * retry (`mutate`) states.
 *
 * @example
 * const { data, error, isLoading, mutate } = useApiData<Profile>("profile", "/me");
 */
export function useApiData<T>(
  api: DemoApiId,
  path: string,
  options: {
    scope?: string;
    /** false: ask the SDK directly, as an app without the token manager would. */
    manager?: boolean;
    /** Call again every this many milliseconds (0: never). */
    refreshInterval?: number;
  } = {},
) {
  const { audience, baseUrl } = endpoints[api];
  const { scope, manager = true, refreshInterval = 0 } = options;
  const tokenFor = manager ? getAccessToken : sdkGetAccessToken;
  return useSWR<ApiData<T>, ApiCallError>(
    ["demo-api", api, path, scope ?? "", manager],
    async () => {
      // #region token-per-audience
      const call = async () => {
        let token: string;
        try {
          // One token per API: the audience picks which one.
          token = await tokenFor({ audience, scope });
        } catch (error) {
          throw new ApiCallError({ kind: "token", explained: explainTokenError(error) });
        }
        return { token, result: await callApi<T>(`${baseUrl}${path}`, token) };
      };
      let { token, result } = await call();
      if (!result.ok && result.error === "invalid_token") {
        // The API refused the token (expired in transit, keys rotated): forget it, retry once.
        tokenManager.invalidate({ audience, scope });
        ({ token, result } = await call());
      }
      if (!result.ok) throw new ApiCallError({ kind: "api", failure: result });
      // #endregion
      return { data: result.data, token, audience, scope };
    },
    // A demo shows each request it makes: no silent refetch on focus, no automatic retries.
    { revalidateOnFocus: false, shouldRetryOnError: false, refreshInterval },
  );
}
