import { setTimeout as sleep } from "node:timers/promises";
import type { Browser, Locator, Page, Response } from "@playwright/test";
import { chapters } from "@/config/chapters";
import { inSignedInContext } from "@/e2e/fixtures";
import { navigationCookies } from "./config";
import type { NavigationCookieSample } from "./cookie-cost-types";
import { sessionSetCookies } from "./session-cookie-headers";

/** Responses still arriving after the last navigation (a page's widgets) are counted too. */
const TRAILING_MS = 1000;

/**
 * The link a reader clicks next, and where it leads: from the home page the first chapter of
 * its table of contents; from a chapter its "Next" link in the chapters' navigation; from the
 * last chapter "All chapters", back home. Ten steps go round once.
 */
function nextStep(page: Page, path: string): { link: Locator; path: string } {
  // -1 on the home page, whose next step is the first chapter.
  const index = chapters.findIndex((chapter) => `/${chapter.slug}` === path);
  const nav = page.getByRole("navigation", { name: "Chapters" });
  const next = chapters[index + 1];
  if (index === -1 && next) {
    const link = page.getByRole("main").getByRole("link", { name: next.title, exact: true });
    return { link, path: `/${next.slug}` };
  }
  if (next) {
    return {
      link: nav.getByRole("link", { name: `Next: ${next.title} →` }),
      path: `/${next.slug}`,
    };
  }
  return { link: nav.getByRole("link", { name: "All chapters" }), path: "/" };
}

/**
 * In a signed-in tab of its own on `origin`: opens `/`, then makes `navigationCookies.navigations`
 * client-side navigations (App Router `<Link>`s, each an RSC fetch) round the chapters, waiting
 * for each one's URL, and tallies every response from the app's origin whose `Set-Cookie`
 * headers concern the session cookie. A document request after the first page would be a full
 * load: it is counted, so a run that was not all client navigations shows it.
 *
 * @example
 * const sample = await measureNavigationCookies(browser, appUrl, "cookie");
 * sample.sessionCookieResponses; // 100: the session rolls on every page request
 */
export async function measureNavigationCookies(
  browser: Browser,
  origin: string,
  mode: NavigationCookieSample["mode"],
): Promise<NavigationCookieSample> {
  return inSignedInContext(browser, origin, async (context) => {
    const page = await context.newPage();
    await page.goto("/", { waitUntil: "networkidle" });
    const sample: NavigationCookieSample = {
      mode,
      navigations: 0,
      documentLoads: 0,
      responses: 0,
      sessionCookieResponses: 0,
      sessionCookieHeaders: 0,
      sessionCookieBytes: 0,
    };
    const pending: Promise<void>[] = [];
    const tally = async (response: Response) => {
      const found = sessionSetCookies(await response.headersArray());
      sample.sessionCookieResponses += found.sets ? 1 : 0;
      sample.sessionCookieHeaders += found.headers;
      sample.sessionCookieBytes += found.bytes;
    };
    const onResponse = (response: Response) => {
      if (new URL(response.url()).origin !== origin) return;
      sample.responses += 1;
      pending.push(tally(response));
    };
    context.on("response", onResponse);
    page.on("request", (request) => {
      if (request.isNavigationRequest() && request.frame() === page.mainFrame()) {
        sample.documentLoads += 1;
      }
    });

    let path = "/";
    while (sample.navigations < navigationCookies.navigations) {
      const step = nextStep(page, path);
      await step.link.click();
      await page.waitForURL(`${origin}${step.path}`);
      path = step.path;
      sample.navigations += 1;
    }
    await sleep(TRAILING_MS);
    context.off("response", onResponse);
    await Promise.all(pending);
    return sample;
  });
}
