import type { Browser, BrowserContext } from "@playwright/test";
import { demoUser, signIn, type DemoUser } from "@/e2e/fixtures";

/**
 * A fresh browser context on `baseURL`, signed in: a session of its own, so one storm's
 * refreshes (or revoked grant) never reach another test or measurement.
 *
 * @example
 * const context = await signedInContext(browser, "http://localhost:3401");
 */
export async function signedInContext(
  browser: Browser,
  baseURL: string,
  user: DemoUser = demoUser,
): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, user);
  await page.close();
  return context;
}
