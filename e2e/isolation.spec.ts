import type { APIRequestContext, APIResponse } from "@playwright/test";
import { decodeJwt } from "jose";
import { apis } from "@/config/apis";
import { demoUser, expect, secondUser, signedInContext, test, type DemoUser } from "@/e2e/fixtures";
import { sameOrigin } from "@/test-support/refusals";
import { ordersFor } from "@/lib/demo-apis/data/orders";
import { localOnly, onTarget } from "@/test-support/target";

test.skip(onTarget, localOnly("it signs in two demo users and checks their seeded data"));

// Two users hammer the token route (both audiences) and both APIs at once: every answer must be
// the asking user's own. SDK issue #2382 once leaked one session's token to another through a
// server-side cache; this spec is the guard against anything of that kind coming back.

const HAMMER_MS = 10_000;
const MAX_REQUESTS_PER_USER = 2_000;
/** Requests in flight per user. */
const PARALLEL = 4;
/**
 * A phase stops this long before its tokens expire. Concurrent requests that all find an expired
 * token all refresh with the same rotating refresh token (the SDK has no lock of its own), and
 * the issuer then revokes the grant: that race is the token-races chapter's subject, not this
 * spec's. Each phase starts with one sequential request per audience, which does any refresh.
 */
const SAFETY_MS = 2_000;

type Kind = "profile token" | "orders token" | "profile API" | "orders API";
type Tally = {
  requests: number;
  non2xx: number;
  byKind: Record<Kind, number>;
  problems: string[];
};

const audienceOf = { "profile token": apis.profile.audience, "orders token": apis.orders.audience };

/** What a response must show for it to be `user`'s own; a description of what is wrong, or null. */
async function wrongOwner(kind: Kind, response: APIResponse, user: DemoUser) {
  if (response.status() < 200 || response.status() > 299) {
    return `${kind}: ${response.status()} ${(await response.text()).slice(0, 120)}`;
  }
  const body = (await response.json()) as Record<string, unknown> & {
    token: string | { sub: string };
  };
  if (kind === "profile token" || kind === "orders token") {
    const claims = decodeJwt(body.token as string);
    const aud = ([] as unknown[]).concat(claims.aud);
    if (claims.sub !== user.id) return `${kind}: sub ${claims.sub}`;
    if (!aud.includes(audienceOf[kind])) return `${kind}: aud ${JSON.stringify(claims.aud)}`;
    return null;
  }
  const echoed = (body.token as { sub: string }).sub;
  if (echoed !== user.id) return `${kind}: token.sub ${echoed}`;
  if (kind === "profile API" && (body.sub !== user.id || body.email !== user.email)) {
    return `${kind}: profile of ${String(body.sub)}`;
  }
  if (kind === "orders API" && JSON.stringify(body.orders) !== JSON.stringify(ordersFor(user.id))) {
    return `${kind}: orders of someone else`;
  }
  return null;
}

/** Asks the token route for `audience`; returns the answer and, when 200, the token's life left. */
async function askToken(request: APIRequestContext, audience: string) {
  const response = await request.get(`/auth/access-token?${new URLSearchParams({ audience })}`, {
    headers: sameOrigin,
  });
  const body = response.ok()
    ? ((await response.json()) as { token: string; expires_in: number })
    : null;
  return {
    response,
    token: body?.token ?? "",
    validUntil: Date.now() + (body?.expires_in ?? 0) * 1000,
  };
}

/** One user's share of the storm: phases of parallel requests, each within its tokens' life. */
async function hammer(
  request: APIRequestContext,
  user: DemoUser,
  deadline: number,
): Promise<Tally> {
  const tally: Tally = {
    requests: 0,
    non2xx: 0,
    byKind: { "profile token": 0, "orders token": 0, "profile API": 0, "orders API": 0 },
    problems: [],
  };
  const check = async (kind: Kind, response: APIResponse) => {
    tally.requests += 1;
    tally.byKind[kind] += 1;
    if (!response.ok()) tally.non2xx += 1;
    const problem = await wrongOwner(kind, response, user);
    if (problem && tally.problems.length < 20) tally.problems.push(`${user.nickname} ${problem}`);
  };
  const more = () => Date.now() < deadline && tally.requests < MAX_REQUESTS_PER_USER;

  while (more()) {
    const profile = await askToken(request, apis.profile.audience);
    await check("profile token", profile.response);
    const orders = await askToken(request, apis.orders.audience);
    await check("orders token", orders.response);
    if (!profile.token || !orders.token) break;
    const phaseEnd = Math.min(
      deadline,
      profile.validUntil - SAFETY_MS,
      orders.validUntil - SAFETY_MS,
    );
    if (phaseEnd - Date.now() < 500) {
      // Too little life left: let the tokens expire, so the next phase's first requests refresh.
      await new Promise((resolve) =>
        setTimeout(
          resolve,
          Math.max(0, Math.min(profile.validUntil, orders.validUntil) - Date.now() + 200),
        ),
      );
      continue;
    }
    const calls: [Kind, () => Promise<APIResponse>][] = [
      ["profile token", async () => (await askToken(request, apis.profile.audience)).response],
      ["orders token", async () => (await askToken(request, apis.orders.audience)).response],
      [
        "profile API",
        () =>
          request.get("/api/profile/me", {
            headers: { ...sameOrigin, Authorization: `Bearer ${profile.token}` },
          }),
      ],
      [
        "orders API",
        () =>
          request.get("/api/orders", {
            headers: { ...sameOrigin, Authorization: `Bearer ${orders.token}` },
          }),
      ],
    ];
    await Promise.all(
      Array.from({ length: PARALLEL }, async (_, lane) => {
        for (let turn = lane; Date.now() < phaseEnd && more(); turn += 1) {
          const [kind, call] = calls[turn % calls.length] as (typeof calls)[number];
          await check(kind, await call());
        }
      }),
    );
  }
  return tally;
}

test("two users hammering the token route and both APIs only ever get their own data", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const users = [demoUser, secondUser] as const;
  const contexts = await Promise.all(users.map((user) => signedInContext(browser, { user })));
  try {
    const deadline = Date.now() + HAMMER_MS;
    const tallies = await Promise.all(
      users.map((user, index) => hammer(contexts[index]!.request, user, deadline)),
    );
    for (const [index, tally] of tallies.entries()) {
      console.log(
        `isolation: ${users[index]!.nickname} ${tally.requests} requests ${JSON.stringify(tally.byKind)}`,
      );
    }
    expect(tallies.flatMap((tally) => tally.problems)).toEqual([]);
    expect(tallies.map((tally) => tally.non2xx)).toEqual([0, 0]);
    for (const tally of tallies) {
      for (const count of Object.values(tally.byKind)) expect(count).toBeGreaterThan(10);
    }
  } finally {
    await Promise.all(contexts.map((context) => context.close()));
  }
});
