import { getAccessToken as sdkGetAccessToken, type AccessTokenOptions } from "@auth0/nextjs-auth0";
import { useSyncExternalStore } from "react";
import { TokenManager, type TokenResponse, type TokenStats } from "./token-manager";

/** The browser's one token manager (module state: one per tab). */
export const tokenManager = new TokenManager({
  fetchToken: (request) => sdkGetAccessToken({ ...request, includeFullResponse: true }),
});

type Options = Pick<AccessTokenOptions, "audience" | "scope" | "route">;

/**
 * The SDK's `getAccessToken`, with the same signature, options and errors, served through the
 * token manager: cached, de-duplicated and never racing another refresh.
 *
 * @example
 * const token = await getAccessToken({ audience: "https://orders-api.example.com" });
 * const full = await getAccessToken({ includeFullResponse: true });
 */
export function getAccessToken(
  options: Options & { includeFullResponse: true },
): Promise<TokenResponse>;
export function getAccessToken(
  options?: Options & { includeFullResponse?: false },
): Promise<string>;
export async function getAccessToken(
  options: Options & { includeFullResponse?: boolean } = {},
): Promise<string | TokenResponse> {
  const { includeFullResponse, ...request } = options;
  const response = await tokenManager.get(request);
  return includeFullResponse ? response : response.token;
}

const noStats: TokenStats = { requests: 0, cacheHits: 0, shared: 0, newTokens: 0 };

/**
 * Live counts of the manager's work, for display.
 *
 * @example
 * const { requests, cacheHits } = useTokenStats();
 */
export function useTokenStats(): TokenStats {
  return useSyncExternalStore(tokenManager.subscribe, tokenManager.getStats, () => noStats);
}
