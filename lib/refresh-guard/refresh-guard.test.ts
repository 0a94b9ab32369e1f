import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { SessionData } from "@auth0/nextjs-auth0/types";
import { NextRequest } from "next/server";
import { apis } from "@/config/apis";
import { KeyedLock } from "@/lib/refresh-guard/keyed-lock";
import { createRefreshGuard } from "@/lib/refresh-guard/refresh-guard";
import { RotationMemory } from "@/lib/refresh-guard/rotation-memory";
import { factsOf, sessionFactsReader } from "@/lib/refresh-guard/session-facts";

const PROFILE = apis.profile.audience;
const ORDERS = apis.orders.audience;

/** A KeyedLock that records the keys it was asked for. */
class RecordingLock extends KeyedLock {
  readonly keys: string[] = [];
  override run<T>(key: string, task: () => Promise<T>): Promise<T> {
    this.keys.push(key);
    return super.run(key, task);
  }
}

/** A session holding refresh token `refreshToken`, with an Orders token expiring in `ordersIn` s. */
function sessionOf(refreshToken: string | undefined, ordersIn: number): SessionData {
  const now = Math.floor(Date.now() / 1000);
  return {
    user: { sub: "user-1" },
    tokenSet: { accessToken: "at", refreshToken, expiresAt: now + 3600, audience: PROFILE },
    accessTokens: [
      {
        accessToken: "at-orders",
        audience: ORDERS,
        scope: "read:orders",
        expiresAt: now + ordersIn,
      },
    ],
    internal: { sid: "sid-1", createdAt: now },
  } as SessionData;
}

type Row = {
  name: string;
  mode: "cookie" | "redis";
  guard?: "off";
  mayRefresh: boolean;
  audience?: string;
  /** Seconds until the session's Orders token expires; `null`: no refresh token at all. */
  ordersExpiresIn: number | null;
  /** The session's refresh token was rotated by an earlier request, and remembered. */
  rotationRemembered?: boolean;
  lockTaken: boolean;
  cookiesSwapped: boolean;
};

const FRESH = 3600;
const EXPIRING = 2;

// prettier-ignore
const rows: Row[] = [
  { name: "guard off",                                 mode: "cookie", guard: "off", mayRefresh: true,  ordersExpiresIn: EXPIRING, rotationRemembered: true, lockTaken: false, cookiesSwapped: false },
  { name: "page, nothing remembered",                  mode: "cookie", mayRefresh: false, ordersExpiresIn: FRESH,                                lockTaken: false, cookiesSwapped: false },
  { name: "page carrying a spent refresh token",       mode: "cookie", mayRefresh: false, ordersExpiresIn: FRESH,    rotationRemembered: true,  lockTaken: false, cookiesSwapped: true },
  { name: "token route, audience fresh",               mode: "cookie", mayRefresh: true,  audience: ORDERS, ordersExpiresIn: FRESH,             lockTaken: false, cookiesSwapped: false },
  { name: "token route, audience about to expire",     mode: "cookie", mayRefresh: true,  audience: ORDERS, ordersExpiresIn: EXPIRING,          lockTaken: true,  cookiesSwapped: false },
  { name: "token route, audience fresh but spent token", mode: "cookie", mayRefresh: true, audience: ORDERS, ordersExpiresIn: FRESH, rotationRemembered: true, lockTaken: true, cookiesSwapped: true },
  { name: "token route, audience not alone",           mode: "cookie", mayRefresh: true,  ordersExpiresIn: FRESH,                                lockTaken: true,  cookiesSwapped: false },
  { name: "token route, no refresh token",             mode: "cookie", mayRefresh: true,  audience: ORDERS, ordersExpiresIn: null,              lockTaken: false, cookiesSwapped: false },
  { name: "Redis: guard off",                          mode: "redis",  guard: "off", mayRefresh: true, audience: ORDERS, ordersExpiresIn: EXPIRING, lockTaken: false, cookiesSwapped: false },
  { name: "Redis: page",                               mode: "redis",  mayRefresh: false, ordersExpiresIn: EXPIRING,                             lockTaken: false, cookiesSwapped: false },
  { name: "Redis: token route, audience fresh",        mode: "redis",  mayRefresh: true,  audience: ORDERS, ordersExpiresIn: FRESH,             lockTaken: false, cookiesSwapped: false },
  { name: "Redis: token route, about to expire",       mode: "redis",  mayRefresh: true,  audience: ORDERS, ordersExpiresIn: EXPIRING,          lockTaken: true,  cookiesSwapped: false },
  { name: "Redis: token route, audience not alone",    mode: "redis",  mayRefresh: true,  ordersExpiresIn: FRESH,                                lockTaken: true,  cookiesSwapped: false },
  { name: "Redis: token route, no refresh token",      mode: "redis",  mayRefresh: true,  audience: ORDERS, ordersExpiresIn: null,              lockTaken: false, cookiesSwapped: false },
];

/** A guard over fake parts: sessions are looked up by the `__session` cookie's value. */
function guardFor(row: Row) {
  const sessions = new Map<string, SessionData>();
  const presented = sessionOf(
    row.ordersExpiresIn === null ? undefined : "rt-1",
    row.ordersExpiresIn ?? FRESH,
  );
  sessions.set("jwe-1", presented);
  sessions.set("jwe-2", sessionOf("rt-2", FRESH));
  const readSession = async (request: NextRequest) =>
    sessions.get(request.cookies.get("__session")?.value ?? "") ?? null;
  const memory = new RotationMemory({ ttlMs: 60_000, maxBytes: 1_000_000 });
  if (row.rotationRemembered) {
    memory.remember(
      factsOf(sessionOf("rt-1", FRESH)).refreshTokenHash,
      factsOf(sessionOf("rt-2", FRESH)).refreshTokenHash,
      {
        requestCookies: [{ name: "__session", value: "jwe-2" }],
        setCookies: ["__session=jwe-2; Path=/; HttpOnly; SameSite=lax"],
      },
    );
  }
  const locks = new RecordingLock();
  const sharedKeys: string[] = [];
  const { withRefreshGuard: guard, forgetRotations } = createRefreshGuard({
    settings: () => ({
      refreshGuard: row.guard !== "off",
      redisUrl: row.mode === "redis" ? "redis://localhost:1" : undefined,
    }),
    cookieMode: { facts: sessionFactsReader(readSession), locks, memory },
    redisMode: () => ({
      sessionIdOf: async (request) => ((await readSession(request)) ? "session-id-1" : null),
      readSession: async () => presented,
      locks,
      sharedLocks: {
        run: (id, task) => {
          sharedKeys.push(id);
          return task();
        },
      },
      failures: { last: async () => null, record: async () => {} },
    }),
  });
  return { guard, forgetRotations, locks, sharedKeys, memory };
}

describe("withRefreshGuard: which requests take the lock, and which have their session swapped", () => {
  for (const row of rows) {
    test(row.name, async () => {
      const { guard, locks, sharedKeys } = guardFor(row);
      const request = new NextRequest("http://localhost:3000/auth/access-token", {
        headers: { cookie: "__session=jwe-1" },
      });
      let seenCookie: string | undefined;
      const response = await guard(
        request,
        async () => {
          seenCookie = request.cookies.get("__session")?.value;
          return new Response("{}");
        },
        { mayRefresh: row.mayRefresh, audience: row.audience },
      );
      assert.equal(locks.keys.length > 0, row.lockTaken, `lock taken: ${locks.keys.join(", ")}`);
      if (row.mode === "redis") {
        assert.deepEqual(
          sharedKeys,
          row.lockTaken ? ["session-id-1"] : [],
          "the lock across instances",
        );
      }
      assert.equal(seenCookie === "jwe-2", row.cookiesSwapped, "the SDK read the newer session");
      const sent = response.headers
        .getSetCookie()
        .some((header) => header.startsWith("__session=jwe-2"));
      assert.equal(sent, row.cookiesSwapped, "the answer carries the newer session");
    });
  }

  test("a refresh under the lock is remembered: the next request with the spent token is swapped", async () => {
    const row = rows.find((r) => r.name === "token route, audience about to expire")!;
    const { guard, locks } = guardFor(row);
    const rotate = async () =>
      new Response("{}", { headers: { "Set-Cookie": "__session=jwe-2; Path=/; HttpOnly" } });
    const first = new NextRequest("http://localhost:3000/auth/access-token", {
      headers: { cookie: "__session=jwe-1" },
    });
    await guard(first, rotate, { mayRefresh: true, audience: ORDERS });
    const late = new NextRequest("http://localhost:3000/basic-usage", {
      headers: { cookie: "__session=jwe-1" },
    });
    let seen: string | undefined;
    await guard(
      late,
      async () => ((seen = late.cookies.get("__session")?.value), new Response("")),
      {
        mayRefresh: false,
      },
    );
    assert.equal(seen, "jwe-2");
    assert.equal(locks.keys.length, 1, "the page took no lock");
  });

  test("a refused refresh, and a sign-out, forget the session's rotations", async () => {
    const row = rows.find((r) => r.name === "token route, audience fresh but spent token")!;
    const refused = guardFor(row);
    const request = () =>
      new NextRequest("http://localhost:3000/auth/access-token", {
        headers: { cookie: "__session=jwe-1" },
      });
    const refusal = async () =>
      Response.json({ error: { code: "failed_to_refresh_token" } }, { status: 401 });
    await refused.guard(request(), refusal, { mayRefresh: true, audience: ORDERS });
    assert.equal(refused.memory.size, 0, "forgotten after the refused refresh");

    const signedOut = guardFor(row);
    await signedOut.forgetRotations(request());
    assert.equal(signedOut.memory.size, 0, "forgotten at sign-out");
  });

  test("a refusal that names another cause than invalid_grant keeps the session's rotations", async () => {
    const row = rows.find((r) => r.name === "token route, audience fresh but spent token")!;
    const { guard, memory } = guardFor(row);
    const request = new NextRequest("http://localhost:3000/mrrt-playground/ask", {
      headers: { cookie: "__session=jwe-1" },
    });
    const accessDenied = async () =>
      Response.json(
        { error: { code: "failed_to_refresh_token", cause: { code: "access_denied" } } },
        { status: 401 },
      );
    await guard(request, accessDenied, { mayRefresh: true });
    assert.equal(memory.size, 1, "the refresh token is still valid: its chain is kept");
  });

  test("a request whose session keeps rotating while it waits gets session_busy, never a spent token", async () => {
    const row = rows.find((r) => r.name === "token route, audience about to expire")!;
    const { memory } = guardFor(row);
    let rotations = 0;
    // Every look at the memory finds one more rotation: a session refreshed by other requests.
    const rotating = Object.assign(Object.create(memory) as RotationMemory, {
      resolve: () => ({
        refreshTokenHash: `rotated-${(rotations += 1)}`,
        requestCookies: [{ name: "__session", value: "jwe-2" }],
        setCookies: [],
      }),
    });
    const readSession = async () => sessionOf("rt-1", EXPIRING);
    const { withRefreshGuard } = createRefreshGuard({
      settings: () => ({ refreshGuard: true }),
      cookieMode: {
        facts: sessionFactsReader(readSession),
        locks: new KeyedLock(),
        memory: rotating,
      },
      redisMode: () => assert.fail("cookie sessions only"),
    });
    let handled = false;
    const request = new NextRequest("http://localhost:3000/auth/access-token", {
      headers: { cookie: "__session=jwe-1" },
    });
    await assert.rejects(
      withRefreshGuard(request, async () => ((handled = true), new Response("{}")), {
        mayRefresh: true,
      }),
      { name: "LockWaitTimeoutError" },
    );
    assert.equal(handled, false, "the SDK never ran with the spent refresh token");
  });
});
