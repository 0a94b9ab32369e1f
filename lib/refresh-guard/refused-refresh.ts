/**
 * Whether an answer of the SDK's token route says the refresh failed: `401` with the code
 * `failed_to_refresh_token` (the authorization server refused the refresh token, or could not be
 * reached). Read from a copy: the answer's body still goes to the browser.
 *
 * @example
 * if (await isRefusedRefresh(await auth0().middleware(request))) memory.forget(hash);
 */
export async function isRefusedRefresh(response: Response): Promise<boolean> {
  if (response.status !== 401) return false;
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as { error?: { code?: unknown } } | null;
  return body?.error?.code === "failed_to_refresh_token";
}
