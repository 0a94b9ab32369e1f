import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AccessTokenError, MfaRequiredError } from "@auth0/nextjs-auth0/errors";
import { createRequestLock } from "./request-lock";
import { TokenManager, type TokenRequest, type TokenResponse } from "./token-manager";

/** A fake token route: counts calls, answers after a tick, can be told to fail. */
function fakeRoute(options: { lifetime?: number; now?: () => number } = {}) {
  const calls: TokenRequest[] = [];
  let serial = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let failWith: Error | null = null;
  const now = options.now ?? (() => 1000);
  const fetchToken = async (request: TokenRequest): Promise<TokenResponse> => {
    calls.push(request);
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((resolve) => setTimeout(resolve, 5));
    inFlight -= 1;
    if (failWith) throw failWith;
    serial += 1;
    const lifetime = options.lifetime ?? 60;
    return {
      token: `token-${serial}-${request.audience ?? "default"}`,
      expires_at: now() + lifetime,
      expires_in: lifetime,
    };
  };
  return {
    fetchToken,
    calls,
    maxInFlight: () => maxInFlight,
    fail: (error: Error | null) => {
      failWith = error;
    },
  };
}

const profile = { audience: "https://profile-api.example.com" };
const orders = { audience: "https://orders-api.example.com" };

describe("TokenManager", () => {
  test("caches a token until skew seconds before it expires", async () => {
    let now = 1000;
    const route = fakeRoute({ now: () => now });
    const manager = new TokenManager({
      fetchToken: route.fetchToken,
      skewSeconds: 10,
      now: () => now,
    });
    const first = await manager.get(profile);
    now = 1049;
    assert.equal((await manager.get(profile)).token, first.token);
    assert.equal(route.calls.length, 1);
    now = 1051; // within 10 s of expires_at (1060)
    const second = await manager.get(profile);
    assert.equal(route.calls.length, 2);
    assert.notEqual(second.token, first.token);
    assert.deepEqual(manager.getStats(), { requests: 2, cacheHits: 1, shared: 0, newTokens: 2 });
  });

  test("when the route answers with the same token, uses it until it really expires", async () => {
    let now = 1000;
    let serial = 0;
    const fetchToken = async (): Promise<TokenResponse> => {
      serial += 1;
      return { token: "same", expires_at: 1060, expires_in: 1060 - now };
    };
    const manager = new TokenManager({ fetchToken, skewSeconds: 10, now: () => now });
    await manager.get(profile);
    now = 1055;
    await manager.get(profile); // skewed out: asks, gets the same token back
    await manager.get(profile);
    await manager.get(profile);
    assert.equal(serial, 2);
  });

  test("single-flight: concurrent callers for one key share one request", async () => {
    const route = fakeRoute();
    const manager = new TokenManager({ fetchToken: route.fetchToken, now: () => 1000 });
    const results = await Promise.all(Array.from({ length: 10 }, () => manager.get(profile)));
    assert.equal(route.calls.length, 1);
    assert.equal(new Set(results.map((r) => r.token)).size, 1);
    assert.equal(manager.getStats().shared, 9);
  });

  test("one token request at a time, even for different audiences", async () => {
    const route = fakeRoute();
    const manager = new TokenManager({
      fetchToken: route.fetchToken,
      lock: createRequestLock({ locks: null }),
    });
    await Promise.all([
      manager.get(profile),
      manager.get(orders),
      manager.get({ ...orders, scope: "write:orders" }),
    ]);
    assert.equal(route.calls.length, 3);
    assert.equal(route.maxInFlight(), 1);
  });

  test("scope order does not split the cache", async () => {
    const route = fakeRoute();
    const manager = new TokenManager({ fetchToken: route.fetchToken, now: () => 1000 });
    await manager.get({ ...profile, scope: "read:profile write:profile" });
    await manager.get({ ...profile, scope: "write:profile read:profile" });
    assert.equal(route.calls.length, 1);
  });

  test("a different user never receives another user's cached token", async () => {
    const route = fakeRoute();
    const manager = new TokenManager({ fetchToken: route.fetchToken, now: () => 1000 });
    manager.setUser("auth0|alice");
    const alice = await manager.get(profile);
    manager.setUser("auth0|bob");
    const bob = await manager.get(profile);
    assert.notEqual(bob.token, alice.token);
    assert.equal(route.calls.length, 2);
  });

  test("a token that arrives after a user switch is not cached for the new user", async () => {
    const route = fakeRoute();
    const manager = new TokenManager({ fetchToken: route.fetchToken, now: () => 1000 });
    manager.setUser("auth0|alice");
    const pending = manager.get(profile);
    manager.setUser("auth0|bob");
    const alices = await pending;
    const bobs = await manager.get(profile);
    assert.notEqual(bobs.token, alices.token);
  });

  test("invalidate drops one token; clear drops them all", async () => {
    const route = fakeRoute();
    const manager = new TokenManager({ fetchToken: route.fetchToken, now: () => 1000 });
    await manager.get(profile);
    await manager.get(orders);
    manager.invalidate(profile);
    await manager.get(profile);
    await manager.get(orders);
    assert.equal(route.calls.length, 3);
    manager.clear();
    await manager.get(orders);
    assert.equal(route.calls.length, 4);
  });

  test("the SDK's errors reach every caller unchanged, and nothing is cached", async () => {
    const route = fakeRoute();
    const manager = new TokenManager({ fetchToken: route.fetchToken, now: () => 1000 });
    const error = new AccessTokenError(
      "missing_session",
      "The user does not have an active session.",
    );
    route.fail(error);
    const results = await Promise.allSettled([manager.get(profile), manager.get(profile)]);
    for (const result of results) {
      assert.equal(result.status, "rejected");
      assert.equal(result.status === "rejected" && result.reason, error);
    }
    route.fail(null);
    assert.ok((await manager.get(profile)).token);
    assert.equal(route.calls.length, 2);
  });

  test("a failed request does not block the queue", async () => {
    const route = fakeRoute();
    const manager = new TokenManager({
      fetchToken: route.fetchToken,
      lock: createRequestLock({ locks: null }),
    });
    route.fail(new Error("boom"));
    await assert.rejects(manager.get(profile), /boom/);
    route.fail(null);
    assert.ok((await manager.get(orders)).token);
  });

  test("a request past its deadline reaches every caller as token_request_timeout, uncached", async () => {
    let calls = 0;
    const fetchToken = async (): Promise<TokenResponse> => {
      calls += 1;
      // The first answer never comes; the second does.
      if (calls === 1) return new Promise<never>(() => undefined);
      return { token: "answered", expires_at: 1060, expires_in: 60 };
    };
    const lock = createRequestLock({ locks: null, requestTimeoutMs: 50 });
    const manager = new TokenManager({ fetchToken, lock, now: () => 1000 });
    const results = await Promise.allSettled([manager.get(profile), manager.get(profile)]);
    for (const result of results) {
      assert.equal(result.status === "rejected" && result.reason.code, "token_request_timeout");
    }
    assert.equal((await manager.get(profile)).token, "answered");
    assert.equal(calls, 2);
  });

  test("an MfaRequiredError is never cached, holds no lock while the user steps up, and the stepped-up token serves its key only", async () => {
    const route = fakeRoute();
    const manager = new TokenManager({ fetchToken: route.fetchToken, now: () => 1000 });
    const refund = { ...orders, scope: "refund:orders" };
    route.fail(new MfaRequiredError("Multifactor authentication required", "encrypted-mfa-token"));
    await assert.rejects(manager.get(refund), MfaRequiredError);
    route.fail(null);
    // While the user is in the popup or typing a code, other tokens are still handed out.
    const other = await manager.get(orders);
    assert.match(other.token, /orders/);
    // After the step-up: asked again (not served from a cached failure), for its own key.
    const stepped = await manager.get(refund);
    assert.equal(route.calls.filter((call) => call.scope === "refund:orders").length, 2);
    assert.notEqual(stepped.token, other.token);
    assert.equal((await manager.get(orders)).token, other.token, "the plain key keeps its token");
  });
});
