import { apis } from "@/config/apis";
import { expect, signedInContext, test } from "@/e2e/fixtures";
import { decryptSession, sessionCookieValue } from "@/test-support/forge";
import { sameOrigin } from "@/test-support/refusals";
import { localOnly, onTarget } from "@/test-support/target";

// With sessions in the cookie, the refresh guard remembers recent rotations so that a request
// still carrying a spent refresh token goes on with the session that replaced it. After a
// sign-out that memory must not lead a copy of the cookie from before the last rotation back
// to the signed-out session's fresh tokens.

test.skip(onTarget, localOnly("it needs 10-second tokens"));

test("after sign-out, a cookie from before the last rotation gets no token", async ({
  browser,
  request,
}) => {
  test.setTimeout(60_000);
  const context = await signedInContext(browser);
  try {
    const cookieHeader = async () =>
      (await context.cookies())
        .filter((cookie) => cookie.name.startsWith("__session"))
        .map((cookie) => `${cookie.name}=${cookie.value}`)
        .join("; ");
    const beforeRotation = await cookieHeader();
    const { tokenSet } = await decryptSession(sessionCookieValue(await context.cookies()));
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, (tokenSet.expiresAt ?? 0) * 1000 - Date.now()) + 500),
    );
    // The refresh rotates the refresh token; the context keeps the new cookie.
    const refreshed = await context.request.get("/auth/access-token", { headers: sameOrigin });
    expect(refreshed.status()).toBe(200);
    expect(await cookieHeader()).not.toBe(beforeRotation);

    // Control: before sign-out, the old cookie is caught up to the new session (the guard's job).
    const ask = () =>
      request.get(`/auth/access-token?audience=${encodeURIComponent(apis.profile.audience)}`, {
        headers: { ...sameOrigin, Cookie: beforeRotation },
      });
    expect((await ask()).status()).toBe(200);

    const page = await context.newPage();
    await page.goto("/");
    await page.getByRole("link", { name: "Sign out" }).click();
    await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();

    const afterSignOut = await ask();
    expect(afterSignOut.status(), await afterSignOut.text()).toBe(401);
  } finally {
    await context.close();
  }
});
