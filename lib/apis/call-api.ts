import { z } from "zod";
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
// your own (NEXT_PUBLIC_*_API_URL), or a proxy's HTML error page. Each member the page shows is
// read on its own: one that does not parse is dropped and the rest still count; an error code
// the contract does not know is shown as it is; with no code at all, the HTTP status stands in.
const { shape } = apiErrorBodySchema;
const errorBodySchema = z.object({
  error: z.string().optional().catch(undefined),
  error_description: shape.error_description.optional().catch(undefined),
  scope: shape.scope.catch(undefined),
  expected_audience: shape.expected_audience.catch(undefined),
  received_audience: shape.received_audience.catch(undefined),
});

/**
 * Calls a demo API with a bearer token and returns either its data or its refusal — never throws
 * for an HTTP error or an API that does not answer, so a page can show a 401, a 403 or an outage
 * as what it is.
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
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? "GET",
      headers: {
        Authorization: `Bearer ${token}`,
        ...(init.body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      cache: "no-store",
    });
  } catch {
    // No answer at all (fetch gives no reason, by design): the API is down, or another origin
    // refused the request (CORS). Status 0, as the browser itself reports it.
    return {
      ok: false,
      status: 0,
      error: "api_unreachable",
      description: `No answer from ${url}: the API is down or unreachable from this page.`,
      wwwAuthenticate: null,
    };
  }
  if (response.ok) return { ok: true, status: response.status, data: (await response.json()) as T };
  return { ok: false, ...(await readApiFailure(response)) };
}

/**
 * Reads why an API refused a request: the error body's members (RFC 6750 names) and the raw
 * `WWW-Authenticate` header, whatever shape the body has.
 *
 * @example
 * const response = await fetch("/api/profile/me", { headers: { Authorization: `Bearer ${token}` } });
 * if (!response.ok) console.log((await readApiFailure(response)).error); // "invalid_token"
 */
export async function readApiFailure(response: Response): Promise<ApiFailure> {
  const body: unknown = await response.json().catch(() => undefined);
  const parsed = errorBodySchema.safeParse(body);
  const failure = parsed.success ? parsed.data : {};
  return {
    status: response.status,
    error: failure.error ?? `http_${response.status}`,
    description: failure.error_description ?? (response.statusText || `HTTP ${response.status}`),
    scope: failure.scope,
    expectedAudience: failure.expected_audience,
    receivedAudience: failure.received_audience,
    wwwAuthenticate: response.headers.get("WWW-Authenticate"),
  };
}
