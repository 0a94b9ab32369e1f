import { apiErrorBodySchema } from "./shared-contract";
import type { VerifiedToken } from "./shared-contract";

/**
 * A demo API's refusal, as RFC 6750 describes it: `error` and `error_description` from the JSON
 * body (the same facts as the `WWW-Authenticate` header), plus what the API saw.
 */
export type ApiFailure = {
  status: number;
  error: string;
  description: string;
  /** The scope the route needs (403 insufficient_scope). */
  scope?: string;
  expectedAudience?: string;
  receivedAudience?: VerifiedToken["aud"] | null;
  /** The raw header, to show exactly what the API answered. */
  wwwAuthenticate: string | null;
};

export type ApiResult<T> = { ok: true; status: number; data: T } | ({ ok: false } & ApiFailure);

// Any part of the body may be missing or other than the contract says: the API may be one of
// your own (NEXT_PUBLIC_*_API_URL), or a proxy's HTML error page. What does not parse falls back
// to the HTTP status.
const errorBodySchema = apiErrorBodySchema.partial();

/**
 * Calls a demo API with a bearer token and returns either its data or its refusal — never throws
 * for an HTTP error, so a page can show a 401 or 403 as the lesson it is.
 *
 * @example
 * const result = await callApi<ProfileResponse>("/api/profile/me", token);
 * if (!result.ok) console.log(result.status, result.error); // 401 invalid_token
 */
export async function callApi<T>(
  url: string,
  token: string,
  init: { method?: "GET" | "PATCH"; body?: unknown } = {},
): Promise<ApiResult<T>> {
  const response = await fetch(url, {
    method: init.method ?? "GET",
    headers: {
      Authorization: `Bearer ${token}`,
      ...(init.body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    cache: "no-store",
  });
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok) return { ok: true, status: response.status, data: body as T };
  const parsed = errorBodySchema.safeParse(body);
  const failure = parsed.success ? parsed.data : {};
  return {
    ok: false,
    status: response.status,
    error: failure.error ?? `http_${response.status}`,
    description: failure.error_description ?? response.statusText,
    scope: failure.scope,
    expectedAudience: failure.expected_audience,
    receivedAudience: failure.received_audience,
    wwwAuthenticate: response.headers.get("WWW-Authenticate"),
  };
}
