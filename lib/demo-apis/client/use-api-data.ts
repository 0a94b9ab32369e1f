import useSWR from "swr";
import { getAccessToken as sdkGetAccessToken } from "@auth0/nextjs-auth0";
import { getAccessToken, tokenManager } from "@/lib/tokens/browser-tokens";
import type { ApiCallError } from "./call-with-token";
import { callWithToken } from "./call-with-token";
import { endpoints, type DemoApiId } from "./endpoints";

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
 * const { data, error, isLoading, mutate } = useApiData<ProfileResponse>("profile", "/me");
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
    /**
     * Tells apart widgets that call the same route, so each makes its own calls as separate
     * components of a real dashboard would (SWR otherwise merges calls with the same key).
     */
    instance?: string | number;
  } = {},
) {
  const { audience, baseUrl } = endpoints[api];
  const { scope, manager = true, refreshInterval = 0, instance = "" } = options;
  const tokenFor = manager ? getAccessToken : sdkGetAccessToken;
  return useSWR<ApiData<T>, ApiCallError>(
    ["demo-api", api, path, scope ?? "", manager, instance],
    async () => {
      // #region token-per-audience
      const { data, token } = await callWithToken<T>(`${baseUrl}${path}`, {
        // One token per API: the audience picks which one.
        getToken: () => tokenFor({ audience, scope }),
        // The API said 401 invalid_token: forget this token, and the call is retried once.
        forgetToken: () => tokenManager.invalidate({ audience, scope }),
      });
      // #endregion
      return { data, token, audience, scope };
    },
    // A demo shows each request it makes: no silent refetch on focus, no automatic retries.
    { revalidateOnFocus: false, shouldRetryOnError: false, refreshInterval },
  );
}
