import { setTimeout as sleep } from "node:timers/promises";
import type { BrowserContext } from "@playwright/test";
import { pickFrom, seededRandom } from "@/lib/demo-apis/data/seeded-random";
import { issuerStats, statsDelta, type IssuerStatsDelta } from "./issuer-stats";
import { canStillRefresh } from "./storm";

/**
 * Chapter pages that ask the token route for tokens as they load (the widgets poll it every
 * 500 ms on `/token-races`), and the page the proxy refreshes before it renders.
 */
const PAGES = ["/token-races?poll=500", "/multi-api", "/server-side"] as const;

/**
 * The DPoP chapter's storm: the chapter polling its token route and its server-side call every
 * 500 ms, and a Bearer chapter's page between them (the two clients' sessions side by side).
 */
export const DPOP_STORM_PAGES = ["/dpop-bound-tokens?poll=500", "/multi-api"] as const;

export type NavigationStormOptions = {
  issuerUrl: string;
  /** Tabs of the one session of `context`, each navigating on its own. */
  tabs: number;
  durationMs: number;
  /**
   * App instances to spread the navigations over (each picks one at random), sharing the session
   * through Redis. Default: the context's own `baseURL`.
   */
  origins?: readonly [string, ...string[]];
  /** Ends the storm early once this is true of what the issuer counted so far. */
  stopWhen?: (delta: IssuerStatsDelta) => boolean;
  /** The pages to navigate between: the Bearer chapters that refresh (`PAGES`) by default. */
  pages?: readonly [string, ...string[]];
  /** Whether the session can still refresh afterwards: `canStillRefresh` by default. */
  stillSignedIn?: (context: BrowserContext) => Promise<boolean>;
};

export type NavigationStormResult = IssuerStatsDelta & {
  navigations: number;
  windowSeconds: number;
  /** A token that needs a refresh grant still comes (`canStillRefresh`). */
  stillSignedIn: boolean;
};

/** Long enough for the requests the last navigations cut off to finish at the server. */
const SETTLE_MS = 3_000;

/**
 * The harshest storm of one session: every tab goes to a random chapter page after a random
 * pause of 0.1–1.2 s, never waiting for the page to load or settle. Each navigation cancels what
 * the page was doing: token requests whose refresh the server already made, page loads that
 * read the cookie before a refresh and answer after it. Then what the issuer counted, and
 * whether the session can still refresh.
 *
 * @example
 * const result = await runNavigationStorm(context, { issuerUrl, tabs: 3, durationMs: 45_000 });
 * result.revokedGrants; // 0 behind the refresh guard
 */
export async function runNavigationStorm(
  context: BrowserContext,
  options: NavigationStormOptions,
): Promise<NavigationStormResult> {
  const before = await issuerStats(options.issuerUrl);
  const started = Date.now();
  const deadline = started + options.durationMs;
  let stopped = false;
  let navigations = 0;

  const watcher = (async () => {
    while (!stopped && Date.now() < deadline) {
      await sleep(500);
      const delta = statsDelta(before, await issuerStats(options.issuerUrl));
      if (options.stopWhen?.(delta)) stopped = true;
    }
  })();

  const tabs = await Promise.all(Array.from({ length: options.tabs }, () => context.newPage()));
  await Promise.all(
    tabs.map(async (tab, index) => {
      const random = seededRandom(`navigation-storm-${index}`);
      while (!stopped && Date.now() < deadline) {
        navigations += 1;
        // "commit": the answer has started; the page's scripts and token requests are not
        // waited for, and the next navigation cuts them off. An aborted load is part of it.
        const origin = options.origins ? pickFrom(random, options.origins) : "";
        const page = pickFrom(random, options.pages ?? PAGES);
        await tab.goto(origin + page, { waitUntil: "commit" }).catch(() => {});
        await sleep(100 + random() * 1_100);
      }
    }),
  );
  stopped = true;
  await watcher;
  // Leaving the pages cuts off the last token requests too: the harshest ending.
  await Promise.all(tabs.map((tab) => tab.goto("about:blank").catch(() => {})));
  const windowSeconds = (Date.now() - started) / 1000;
  await sleep(SETTLE_MS);
  await Promise.all(tabs.map((tab) => tab.close()));

  const stillSignedIn = await (options.stillSignedIn ?? canStillRefresh)(context);
  const after = await issuerStats(options.issuerUrl);
  return { ...statsDelta(before, after), navigations, windowSeconds, stillSignedIn };
}
