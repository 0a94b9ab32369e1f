import assert from "node:assert/strict";
import { test } from "node:test";
import { setApiHeaders } from "./api-headers";

const APP = "https://app.example.com";

function headersFor(url: string, origin?: string): Headers {
  const headers = new Headers();
  setApiHeaders(headers, new Request(url, { headers: origin ? { Origin: origin } : {} }), APP);
  return headers;
}

test("JSON gets a policy that allows nothing, and the pages' security headers", () => {
  const headers = headersFor(`${APP}/api/orders`);
  assert.equal(
    headers.get("Content-Security-Policy"),
    "default-src 'none'; frame-ancestors 'none'",
  );
  assert.equal(headers.get("X-Content-Type-Options"), "nosniff");
  assert.equal(headers.get("Cache-Control"), "no-store");
  assert.match(headers.get("Permissions-Policy") ?? "", /camera=\(\)/);
});

test("HSTS only over https", () => {
  assert.match(headersFor(`${APP}/api/orders`).get("Strict-Transport-Security") ?? "", /max-age=/);
  assert.equal(
    headersFor("http://localhost:3000/api/orders").get("Strict-Transport-Security"),
    null,
  );
});

test("CORS for the app's own origin only, and caches keyed on Origin", () => {
  assert.equal(headersFor(`${APP}/api/orders`, APP).get("Access-Control-Allow-Origin"), APP);
  const other = headersFor(`${APP}/api/orders`, "https://elsewhere.example.com");
  assert.equal(other.get("Access-Control-Allow-Origin"), null);
  assert.equal(other.get("Vary"), "Origin");
});
