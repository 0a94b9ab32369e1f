import { getAccessToken } from "@auth0/nextjs-auth0";
import useSWR from "swr";
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
export function useApiData<T>(api: DemoApiId, path: string, options: { scope?: string } = {}) {
  const { audience, baseUrl } = endpoints[api];
  const { scope } = options;
  return useSWR<ApiData<T>, ApiCallError>(
    ["demo-api", api, path, scope ?? ""],
    async () => {
      // #region token-per-audience
      let token: string;
      try {
        // One token per API: the audience picks which one.
        token = await getAccessToken({ audience, scope });
      } catch (error) {
        throw new ApiCallError({ kind: "token", explained: explainTokenError(error) });
      }
      const result = await callApi<T>(`${baseUrl}${path}`, token);
      if (!result.ok) throw new ApiCallError({ kind: "api", failure: result });
      // #endregion
      return { data: result.data, token, audience, scope };
    },
    // A demo shows each request it makes: no silent refetch on focus, no automatic retries.
    { revalidateOnFocus: false, shouldRetryOnError: false },
  );
}
