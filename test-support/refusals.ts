import { expect, type APIRequestContext, type APIResponse } from "@playwright/test";

/**
 * What every refusal in the hostile-input specs must look like, checked in one place: the exact
 * status and code, JSON in the documented shape, and nothing of the server's insides.
 */

/** A request from the app's own pages, as a browser marks it (API contexts send no Sec-Fetch-*). */
export const sameOrigin = { "Sec-Fetch-Site": "same-origin" } as const;

/**
 * Fails when a body shows the server's insides: a stack frame, a path into `node_modules`, or
 * the plain-text 500 of an uncaught error. `echoed` is what the request itself asked for (a page
 * may name the path it did not find): it is left out of the check.
 *
 * @example
 * expectNoInternals(await response.text());
 * expectNoInternals(html, { echoed: ["node_modules/jose/package.json"] });
 */
export function expectNoInternals(body: string, { echoed = [] as string[] } = {}): void {
  const own = echoed.reduce((text, asked) => text.replaceAll(asked, ""), body);
  expect(own, "a stack frame in the body").not.toMatch(/^\s+at /m);
  expect(own, "a node_modules path in the body").not.toContain("node_modules");
  expect(own).not.toContain("Internal Server Error");
}

/** The `Set-Cookie` headers of a response that write the session (`__session`, its chunks). */
export function sessionSetCookies(response: APIResponse): string[] {
  return response
    .headersArray()
    .filter((header) => header.name.toLowerCase() === "set-cookie")
    .map((header) => header.value)
    .filter((value) => value.startsWith("__session"));
}

/**
 * A refusal of the token route: the status, the SDK's error shape with `code`, `no-store`, no
 * internals, and (unless `touchesSession`) no session cookie written.
 *
 * @example
 * await expectTokenRouteRefusal(response, 400, "invalid_scope");
 */
export async function expectTokenRouteRefusal(
  response: APIResponse,
  status: number,
  code: string,
  { touchesSession = false } = {},
): Promise<void> {
  const text = await response.text();
  expect(response.status(), text).toBe(status);
  expect(response.headers()["content-type"]).toMatch(/^application\/json/);
  expect(response.headers()["cache-control"]).toBe("no-store");
  expect(JSON.parse(text)).toEqual({ error: { code, message: expect.any(String) } });
  expectNoInternals(text);
  if (!touchesSession) expect(sessionSetCookies(response)).toEqual([]);
}

/**
 * A refusal of a demo API: the status, the `{ error, error_description, … }` body (with
 * `details` in it), the exact `WWW-Authenticate` challenge when one is given, `no-store`, no
 * internals.
 *
 * @example
 * await expectApiRefusal(response, 401, "invalid_token", { details: { reason: "expired" } });
 */
export async function expectApiRefusal(
  response: APIResponse,
  status: number,
  error: string,
  options: { details?: Record<string, unknown>; challenge?: string | RegExp } = {},
): Promise<Record<string, unknown>> {
  const text = await response.text();
  expect(response.status(), text).toBe(status);
  expect(response.headers()["cache-control"]).toBe("no-store");
  const body = JSON.parse(text) as Record<string, unknown>;
  expect(body).toMatchObject({
    error,
    error_description: expect.any(String),
    ...options.details,
  });
  expectNoInternals(text);
  const challenge = response.headers()["www-authenticate"];
  if (typeof options.challenge === "string") expect(challenge).toBe(options.challenge);
  else if (options.challenge) expect(challenge).toMatch(options.challenge);
  return body;
}

/**
 * A token from the signed-in context's token route (the SDK refreshes it when it has expired).
 *
 * @example
 * const token = await tokenFromRoute(context.request, apis.orders.audience);
 */
export async function tokenFromRoute(
  request: APIRequestContext,
  audience: string,
  scope?: string,
): Promise<string> {
  const query = new URLSearchParams({ audience, ...(scope ? { scope } : {}) });
  const response = await request.get(`/auth/access-token?${query}`, { headers: sameOrigin });
  expect(response.status(), await response.text()).toBe(200);
  expect(response.headers()["cache-control"]).toBe("no-store");
  return ((await response.json()) as { token: string }).token;
}
