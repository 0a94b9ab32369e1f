import type { Browser, BrowserContext } from "@playwright/test";
import { signIn, type DemoUser } from "@/e2e/fixtures";
import { appUrl } from "./servers";

/**
 * A browser context of its own, signed in as `user`, for a spec that needs its session to itself
 * (the shared `page` fixture's session is used by other specs too). Close it in `afterAll`.
 *
 * @example
 * const context = await openSignedInContext(browser, secondUser);
 * await context.request.get("/auth/access-token", { headers: sameOrigin });
 */
export async function openSignedInContext(
  browser: Browser,
  user: DemoUser,
): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: appUrl });
  const page = await context.newPage();
  await signIn(page, user);
  await page.close();
  return context;
}
