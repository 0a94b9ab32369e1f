import "server-only";
import type { NextRequest } from "next/server";
import { PRE_REFRESH_ERROR_HEADER } from "@/lib/proxy/pre-refresh";

/** The SDK's code for a refresh the authorization server refused or never answered in time. */
const FAILED_TO_REFRESH = "failed_to_refresh_token";

/**
 * Whether an answer of the SDK's token route says the refresh failed: `401` with the code
 * `failed_to_refresh_token` (the authorization server refused the refresh token, or could not be
 * reached), unless it names another cause than `invalid_grant`. Read from a copy: the answer's body still goes to the browser.
 *
 * @example
 * if (await isRefusedRefresh(response)) return namingTheCause(response);
 */
export async function isRefusedRefresh(response: Response): Promise<boolean> {
  if (response.status !== 401) return false;
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as { error?: { code?: unknown; cause?: { code?: unknown } } } | null;
  if (body?.error?.code !== FAILED_TO_REFRESH) return false;
  // Where the answer names the authorization server's own error (the MRRT playground's does), a
  // refusal of the request rather than of the refresh token (`access_denied` for an audience
  // outside the policy) leaves the refresh token valid: the session's chain is not ended.
  const cause = body.error.cause?.code;
  return cause === undefined || cause === "invalid_grant";
}

/**
 * Whether the SDK's handling of `request` tried to refresh the session and failed: the token
 * route's answer (`isRefusedRefresh`), or the page's pre-refresh (`lib/proxy/pre-refresh.ts`),
 * which hands its failure to the page in a request header. A refresh that timed out may still
 * have spent the refresh token at the authorization server.
 *
 * @example
 * if (await refreshFailed(request, await handle())) await failures.record(id);
 */
export async function refreshFailed(request: NextRequest, response: Response): Promise<boolean> {
  return (
    request.headers.get(PRE_REFRESH_ERROR_HEADER) === FAILED_TO_REFRESH ||
    (await isRefusedRefresh(response))
  );
}
