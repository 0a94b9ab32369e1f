import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { apis } from "@/config/apis";
import {
  checkTokenRequest,
  MAX_SCOPE_LENGTH,
  tokenRequestRefusalResponse,
} from "./token-request-check";

const ROUTE = "http://localhost:3000/auth/access-token";

function request(query = "", init: RequestInit & { site?: string | null } = {}) {
  const { site = "same-origin", ...rest } = init;
  const headers = new Headers(rest.headers);
  if (site !== null) headers.set("sec-fetch-site", site);
  return new Request(`${ROUTE}${query}`, { ...rest, headers });
}

const codeOf = (req: Request) => checkTokenRequest(req)?.code ?? "ok";

describe("checkTokenRequest", () => {
  test("lets the app's own requests through", () => {
    assert.equal(codeOf(request()), "ok");
    assert.equal(codeOf(request(`?audience=${encodeURIComponent(apis.orders.audience)}`)), "ok");
    const scope = encodeURIComponent("openid read:profile write:profile");
    assert.equal(codeOf(request(`?scope=${scope}`)), "ok");
  });

  test("lets through what no other site can send: the address bar, and no browser at all", () => {
    assert.equal(codeOf(request("", { site: "none" })), "ok");
    assert.equal(codeOf(request("", { site: null })), "ok");
  });

  test("refuses cross-site and same-site requests with 403", () => {
    for (const site of ["cross-site", "same-site"]) {
      const refusal = checkTokenRequest(request("", { site }));
      assert.deepEqual(
        { status: refusal?.status, code: refusal?.code },
        { status: 403, code: "cross_site_request" },
      );
    }
  });

  test("without Sec-Fetch-Site, refuses another origin named by Origin or Referer", () => {
    const from = (headers: Record<string, string>) => codeOf(request("", { site: null, headers }));
    assert.equal(from({ origin: "https://evil.example" }), "cross_site_request");
    assert.equal(from({ referer: "https://evil.example/page" }), "cross_site_request");
    assert.equal(from({ origin: "null" }), "cross_site_request");
    assert.equal(from({ origin: "http://localhost:3000" }), "ok");
    assert.equal(from({ referer: "http://localhost:3000/basic-usage" }), "ok");
    const behindProxy = new Request(ROUTE, { headers: { origin: "https://app.example" } });
    assert.equal(checkTokenRequest(behindProxy, "https://app.example"), null);
  });

  test("refuses a query parameter the app never sends, mergeScopes included", () => {
    for (const query of [
      `?audience=${apis.reports.audience}&mergeScopes=false`,
      "?mergeScopes=false",
      "?audience=https://orders-api.example.com&x=1",
      "?AUDIENCE=https://orders-api.example.com",
    ]) {
      assert.equal(codeOf(request(query)), "invalid_request", query);
    }
  });

  test("refuses every method but GET with 405", () => {
    for (const method of ["POST", "PUT", "DELETE", "PATCH"]) {
      assert.equal(checkTokenRequest(request("", { method }))?.status, 405);
    }
  });

  test("refuses an empty, unknown or repeated audience", () => {
    for (const query of [
      "?audience=",
      "?audience=https://evil.example.com",
      `?audience=&audience=${apis.orders.audience}`,
      `?audience=${apis.orders.audience}&audience=${apis.orders.audience}`,
      `?audience=${apis.orders.audience}%0d%0aSet-Cookie:%20x=y`,
      `?audience=${apis.orders.audience.toUpperCase()}`,
    ]) {
      assert.equal(codeOf(request(query)), "invalid_audience", query);
    }
  });

  test("refuses a scope the API does not define, another API's scope, or a repeated scope", () => {
    for (const query of [
      "?scope=read:orders",
      "?scope=admin",
      `?audience=${apis.orders.audience}&scope=read:profile`,
      "?scope=read:profile&scope=write:profile",
    ]) {
      assert.equal(codeOf(request(query)), "invalid_scope", query);
    }
  });

  test("refuses empty, oversized, non-ASCII and CR/LF scopes", () => {
    for (const scope of [
      "",
      "read:profile ".repeat(60).trim(),
      "x".repeat(MAX_SCOPE_LENGTH + 1),
      "read:profile\r\nwrite:profile",
      "read:profile  write:profile",
      "lecture:profil\u00e9",
      'read:profile "x"',
    ]) {
      assert.equal(codeOf(request(`?scope=${encodeURIComponent(scope)}`)), "invalid_scope", scope);
    }
  });
});

describe("tokenRequestRefusalResponse", () => {
  test("answers in the SDK's error shape, never cacheable", async () => {
    const response = tokenRequestRefusalResponse({
      status: 405,
      code: "method_not_allowed",
      message: "GET only",
    });
    assert.equal(response.status, 405);
    assert.equal(response.headers.get("cache-control"), "no-store");
    assert.equal(response.headers.get("allow"), "GET");
    assert.deepEqual(await response.json(), {
      error: { code: "method_not_allowed", message: "GET only" },
    });
  });
});
