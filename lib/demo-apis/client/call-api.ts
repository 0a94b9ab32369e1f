import type { ApiErrorBody, VerifiedToken } from "../contracts/shared-contract";

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

type ShownMembers = Pick<
  ApiErrorBody,
  "error_description" | "scope" | "expected_audience" | "received_audience"
>;

/**
 * The members of an error body that the page shows, each read on its own: the API may be one of
 * your own (`NEXT_PUBLIC_*_API_URL`) or a proxy's HTML error page, so a member that is missing or
 * of another type is dropped and the rest still count, and an error code the contract does not
 * know is shown as it is. Read by hand, not with the contract's zod schema: this module runs in
 * the browser, where the schema library would add about 24 KiB to every chapter; the route
 * handlers are the side that validates.
 */
function readErrorBody(body: unknown): Partial<ShownMembers> & { error?: string } {
  if (typeof body !== "object" || body === null) return {};
  const member = (name: string): unknown => (body as Record<string, unknown>)[name];
  const text = (name: string) => {
    const value = member(name);
    return typeof value === "string" ? value : undefined;
  };
  const received = member("received_audience");
  const isAudience =
    typeof received === "string" ||
    (Array.isArray(received) && received.every((entry) => typeof entry === "string"));
  return {
    error: text("error"),
    error_description: text("error_description"),
    scope: text("scope"),
    expected_audience: text("expected_audience"),
    received_audience: isAudience ? (received as string | string[]) : undefined,
  };
}

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
  init: { method?: "GET" | "POST" | "PATCH"; body?: unknown } = {},
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
  const failure = readErrorBody(body);
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
