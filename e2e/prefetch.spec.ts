import type { BrowserContext } from "@playwright/test";
import { expect, inSignedInContext, test } from "@/e2e/fixtures";
import { decryptSession, sessionCookieValue } from "@/test-support/forge";
import { issuerStats, refreshGrantsIn, statsDelta } from "@/test-support/issuer-stats";
import { appUrl, issuerUrl } from "@/test-support/servers";
import { localOnly, onTarget } from "@/test-support/target";

// A prefetch (Next.js's router, or the browser's speculative load) can be dropped unread, and
// /server-side's Server Component used to refresh an expired token itself on a prefetch, which
// skipped proxy.ts, where the new refresh token could not be saved: the next refresh was a reuse
// and the grant was revoked. A prefetch now never refreshes and never rolls the session, and the
// page still refreshes in proxy.ts on a real navigation.

test.skip(onTarget, localOnly("it needs 10-second tokens and the issuer's grant counters"));

/** Waits until the session's sign-in token has expired. */
async function untilTokenExpired(context: BrowserContext) {
  const { tokenSet } = await decryptSession(sessionCookieValue(await context.cookies()));
  const expiresAt = tokenSet.expiresAt ?? 0;
  await new Promise((resolve) =>
    setTimeout(resolve, Math.max(0, expiresAt * 1000 - Date.now()) + 500),
  );
}

// Next.js's router prefetches never reach proxy.ts (for this dynamic page they render only its
// shell); the browser's own (Purpose, Sec-Purpose) do, and the proxy lets them neither roll the
// session nor refresh.
for (const [what, headers] of [
  ["Next-Router-Prefetch", { "Next-Router-Prefetch": "1", RSC: "1" }],
  ["Purpose: prefetch", { Purpose: "prefetch" }],
  ["Sec-Purpose: prefetch", { "Sec-Purpose": "prefetch" }],
] as const) {
  test(`a ${what} request to /server-side with an expired token spends no refresh token`, async ({
    browser,
  }) => {
    test.setTimeout(60_000);
    await inSignedInContext(browser, appUrl, async (context) => {
      await untilTokenExpired(context);
      const before = await issuerStats(issuerUrl);
      const prefetched = await context.request.get("/server-side", { headers });
      expect(prefetched.status()).toBeLessThan(500);
      expect(prefetched.headers()["set-cookie"] ?? "", "a prefetch writes no cookie").not.toMatch(
        /__session/,
      );
      expect(refreshGrantsIn(statsDelta(before, await issuerStats(issuerUrl)))).toBe(0);

      // A real navigation refreshes in proxy.ts, once, and the grant is intact.
      const page = await context.newPage();
      await page.goto("/server-side");
      await expect(page.getByTestId("server-token")).toBeVisible();
      const delta = statsDelta(before, await issuerStats(issuerUrl));
      expect(delta.invalidGrant).toBe(0);
      expect(delta.revokedGrants).toBe(0);
      expect(refreshGrantsIn(delta)).toBe(1);
    });
  });
}
