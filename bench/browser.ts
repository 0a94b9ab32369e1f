import { chromium, type Browser, type BrowserContext } from "@playwright/test";
import { apis } from "@/config/apis";
import playwrightConfig from "@/playwright.config";
import { appUrl } from "./config";
import { isSessionCookie } from "./session-cookie-headers";

/**
 * Chromium as the end-to-end suite launches it: the same binary (`findChromium()`) and the same
 * flags, read from `playwright.config.ts` so the two never drift apart.
 *
 * @example
 * const browser = await launchBrowser();
 */
export function launchBrowser(): Promise<Browser> {
  const launchOptions = playwrightConfig.projects?.[0]?.use?.launchOptions;
  // Playwright's own signal handlers would exit the process on Ctrl-C before the servers are
  // stopped: the benchmark closes the browser itself, in its clean-up.
  const signals = { handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false };
  return chromium.launch({ ...launchOptions, ...signals, headless: true });
}

/**
 * Size of the session cookie as the browser sends it to `origin` (`name=value` of every chunk).
 *
 * @example
 * const { bytes, chunks } = await sessionCookieSize(context); // { bytes: 3012, chunks: 1 }
 */
export async function sessionCookieSize(context: BrowserContext, origin = appUrl) {
  const chunks = (await context.cookies(origin)).filter((cookie) => isSessionCookie(cookie.name));
  const bytes = chunks.reduce((sum, c) => sum + c.name.length + 1 + c.value.length, 0);
  return { bytes, chunks: chunks.length };
}

/**
 * The `Cookie` header the context would send to `origin`, for a load generator to replay.
 *
 * @example
 * autocannon({ url, headers: { cookie: await cookieHeader(context) } });
 */
export async function cookieHeader(context: BrowserContext, origin = appUrl): Promise<string> {
  const cookies = await context.cookies(origin);
  return cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
}

/**
 * An access token from the token route, with the context's session.
 *
 * @example
 * const token = await fetchToken(context, "https://orders-api.example.com");
 */
export async function fetchToken(context: BrowserContext, audience?: string): Promise<string> {
  const query = audience ? `?audience=${encodeURIComponent(audience)}` : "";
  const response = await context.request.get(`/auth/access-token${query}`);
  if (!response.ok()) {
    throw new Error(
      `/auth/access-token${query} answered ${response.status()}: ${await response.text()}`,
    );
  }
  return ((await response.json()) as { token: string }).token;
}

/**
 * Puts a Profile API and an Orders API token in the context's session, then asks the token route
 * once more, so that from then on it answers from the session (cached). Returns both tokens and
 * the `Cookie` header that carries the session to `origin`, for a load generator to replay.
 *
 * @example
 * const { cookie } = await cachedTokenSession(context, "http://localhost:3701");
 */
export async function cachedTokenSession(context: BrowserContext, origin = appUrl) {
  const profile = await fetchToken(context, apis.profile.audience);
  const orders = await fetchToken(context, apis.orders.audience);
  await fetchToken(context);
  return { profile, orders, cookie: await cookieHeader(context, origin) };
}
