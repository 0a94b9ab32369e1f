import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { contentSecurityPolicy, newNonce, securityHeaders } from "./security-headers";

const directives = (policy: string) =>
  new Map(policy.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)]));

describe("contentSecurityPolicy", () => {
  test("allows scripts only with the nonce, and forbids framing, plugins and <base>", () => {
    const csp = directives(contentSecurityPolicy({ nonce: "n0nce", development: false }));
    assert.deepEqual(csp.get("script-src"), ["'self'", "'nonce-n0nce'", "'strict-dynamic'"]);
    assert.deepEqual(csp.get("frame-ancestors"), ["'none'"]);
    assert.deepEqual(csp.get("object-src"), ["'none'"]);
    assert.deepEqual(csp.get("base-uri"), ["'none'"]);
    assert.ok(!csp.get("script-src")?.includes("'unsafe-inline'"));
  });

  test("adds 'unsafe-eval' in development only, and the API origins to connect-src", () => {
    const csp = directives(
      contentSecurityPolicy({
        nonce: "n",
        development: true,
        connectOrigins: ["https://api.example.com"],
      }),
    );
    assert.ok(csp.get("script-src")?.includes("'unsafe-eval'"));
    assert.deepEqual(csp.get("connect-src"), ["'self'", "https://api.example.com"]);
  });
});

test("a nonce is 16 random bytes in base64, new every time", () => {
  const nonces = new Set(Array.from({ length: 50 }, newNonce));
  assert.equal(nonces.size, 50);
  for (const nonce of nonces) assert.equal(Buffer.from(nonce, "base64").length, 16);
});

test("HSTS only over https; the other headers always", () => {
  const names = (https: boolean) => securityHeaders({ https }).map(([name]) => name);
  assert.ok(names(true).includes("Strict-Transport-Security"));
  assert.ok(!names(false).includes("Strict-Transport-Security"));
  for (const name of ["X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options"]) {
    assert.ok(names(false).includes(name), name);
  }
});
