import type { APIResponse } from "@playwright/test";
import { demoUser, expect, signedInContext, test } from "@/e2e/fixtures";
import { forgedHeaderJwe } from "@/test-support/forge";
import { expectNoInternals, sameOrigin } from "@/test-support/refusals";

// The cookie guard judges every value as the SDK reads it: a forged JWE header split across the
// session's chunks, behind an empty first chunk, in the legacy appSession, in a connection-token
// cookie, or in a sign-in transaction's `<timestamp>:<jwe>` would otherwise make the SDK throw
// (500). Prefetches go through the same guard.

const forged = forgedHeaderJwe({ alg: "RSA-OAEP", enc: "A256GCM" });

const cookies: [string, string][] = [
  [
    "a forged header split across two chunks",
    `__session__0=${forged.slice(0, 12)}; __session__1=${forged.slice(12)}`,
  ],
  ["a forged session behind an empty first chunk", `__session__0=; __session__1=${forged}`],
  ["a forged legacy appSession", `appSession=${forged}`],
  ["a forged connection-token cookie", `__FC_0=${forged}`],
];

const prefetch = { "Next-Router-Prefetch": "1" };
const speculative = { Purpose: "prefetch" };

/** Not a 5xx, and no internals in the body. */
async function expectNoServerError(response: APIResponse, what: string) {
  const body = await response.text();
  expect(response.status(), `${what}: ${body.slice(0, 300)}`).toBeLessThan(500);
  expectNoInternals(body);
}

for (const [what, cookie] of cookies) {
  test(`${what}: every path answers, signed out, never a 5xx`, async ({ request }) => {
    const token = await request.get("/auth/access-token", {
      headers: { ...sameOrigin, Cookie: cookie },
    });
    await expectNoServerError(token, "token route");
    expect(await token.json()).toMatchObject({ error: { code: "missing_session" } });
    for (const [page, headers] of [
      ["/", {}],
      ["/", prefetch],
      ["/server-side", prefetch],
      ["/basic-usage", speculative],
      ["/auth/profile", {}],
    ] as const) {
      const response = await request.get(page, { headers: { ...headers, Cookie: cookie } });
      await expectNoServerError(response, `${page} ${JSON.stringify(headers)}`);
    }
  });
}

test("a forged connection-token cookie beside a real session: still signed in, no 5xx", async ({
  browser,
  request,
}) => {
  const context = await signedInContext(browser);
  try {
    const session = (await context.cookies())
      .filter((c) => c.name.startsWith("__session"))
      .map((c) => `${c.name}=${c.value}`)
      .join("; ");
    const cookie = `${session}; __FC_0=${forged}`;
    const token = await request.get("/auth/access-token", {
      headers: { ...sameOrigin, Cookie: cookie },
    });
    expect(token.status(), await token.text()).toBe(200);
    // Through the proxy, the forged cookie is dropped and the session read as it is.
    const home = await request.get("/", { headers: { Cookie: cookie } });
    await expectNoServerError(home, "/");
    expect(await home.text()).toContain(demoUser.name);
    // A router prefetch skips the proxy: the page reads the whole as signed out, never a 500.
    await expectNoServerError(
      await request.get("/", { headers: { ...prefetch, Cookie: cookie } }),
      "prefetch of /",
    );
  } finally {
    await context.close();
  }
});

test("a forged sign-in transaction in its <timestamp>:<jwe> form lands on the error page", async ({
  request,
}) => {
  const response = await request.get("/auth/callback?state=forged&code=x", {
    headers: { Cookie: `__txn_forged=${Math.floor(Date.now() / 1000)}:${forged}` },
  });
  await expectNoServerError(response, "callback");
  expect(new URL(response.url()).pathname).toBe("/sign-in-error");
});

test("a chunk index the SDK never writes cannot keep the server busy", async ({ request }) => {
  // The SDK clears every chunk from 0 to the highest index a request names: one rewrite each.
  for (const path of ["/auth/logout", "/basic-usage"]) {
    const started = Date.now();
    const response = await request.get(path, {
      headers: { Cookie: "__session__100000=x" },
      maxRedirects: 0,
    });
    const elapsedMs = Date.now() - started;
    await expectNoServerError(response, path);
    expect(elapsedMs, `${path} answered in ${elapsedMs} ms`).toBeLessThan(2_000);
    const setCookies = response.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie");
    expect(setCookies.length, `${path} Set-Cookie headers`).toBeLessThan(20);
  }
});
