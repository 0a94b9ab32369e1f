import { setTimeout as sleep } from "node:timers/promises";
import type { BrowserContext, Page } from "@playwright/test";
import { apis } from "@/config/apis";
import { issuerStats, statsDelta, type IssuerStatsDelta } from "./issuer-stats";
import { widgetStates, widgetsSettled, type WidgetStates } from "./widgets";

/** How a storm runs; the end-to-end suite and the benchmark each choose their own. */
export type StormOptions = {
  /** The issuer whose `/__test/stats` counts the storm's grants. */
  issuerUrl: string;
  /** `false` opens `/token-races?manager=off`: every widget calls `getAccessToken` itself. */
  manager: boolean;
  /** How often every widget gets its token and calls its API. */
  pollMs: number;
  /** How long the widgets poll before the storm is stopped. */
  durationMs: number;
  /** Tabs of the same session: with two, refreshes can also race across tabs. */
  tabs: number;
};

export type StormResult = IssuerStatsDelta & {
  /** From the issuer's counters before the tabs opened until the storm was stopped. */
  windowSeconds: number;
  /** The widgets of every tab, counted once the last requests have finished. */
  widgets: WidgetStates;
  /** Distinct tokens the demo APIs accepted, by audience: each after the first is a refresh. */
  tokensUsed: Record<string, number>;
  stillSignedIn: boolean;
};

/** Long enough for the requests in flight when the storm stops to finish, refreshes included. */
const SETTLE_MS = 2_000;

/**
 * The refresh storm: `/token-races` in `tabs` tabs of `context` (which must be signed in), every
 * widget polling its API for `durationMs`, then stopped in place; what the issuer counted
 * meanwhile, the widgets' states, the tokens the APIs accepted, and whether the session
 * survived.
 *
 * @example
 * const context = await signedInContext(browser, { baseURL: appUrl });
 * const options = { manager: true, pollMs: 1000, durationMs: 30_000, tabs: 2 };
 * const result = await runStorm(context, { issuerUrl, ...options });
 * result.invalidGrant; // 0
 */
export async function runStorm(
  context: BrowserContext,
  options: StormOptions,
): Promise<StormResult> {
  const query = new URLSearchParams(options.manager ? {} : { manager: "off" });
  query.set("poll", String(options.pollMs));
  const tokens = new Map<string, Set<number>>();

  const before = await issuerStats(options.issuerUrl);
  const started = Date.now();
  const tabs: Page[] = [];
  for (let i = 0; i < options.tabs; i += 1) {
    const tab = await context.newPage();
    recordTokensUsed(tab, tokens);
    tabs.push(tab);
  }
  for (const tab of tabs) {
    await tab.goto(`/token-races?${query}`);
    // The next tab opens once this one has its tokens. A page request the proxy answers while a
    // refresh is in flight can roll the session cookie back to the spent refresh token: a
    // server-side hazard, not the browser-side races the storm measures.
    await widgetsSettled(tab);
  }
  await sleep(options.durationMs);
  // Stop polling in place and let the last requests finish. Closing or leaving the page instead
  // would cancel a refresh in flight and lose the rotated refresh token with its Set-Cookie.
  for (const tab of tabs) await tab.getByRole("button", { name: "Stop the storm" }).click();
  const windowSeconds = (Date.now() - started) / 1000;
  await sleep(SETTLE_MS);

  const widgets = await countWidgets(tabs);
  const after = await issuerStats(options.issuerUrl);
  const stillSignedIn = await canStillRefresh(context);
  for (const tab of tabs) await tab.close();
  return {
    windowSeconds,
    ...statsDelta(before, after),
    widgets,
    tokensUsed: Object.fromEntries([...tokens].map(([audience, exps]) => [audience, exps.size])),
    stillSignedIn,
  };
}

/**
 * What "still signed in" asks the token route for: a token the storm never asks for (its
 * widgets read, this writes), so the SDK must make a refresh grant. A cached token would answer
 * 200 even after the grant was revoked, until it expired.
 */
export const stillSignedInProbe = {
  audience: apis.orders.audience,
  scope: "write:orders",
} as const satisfies { audience: string; scope: (typeof apis.orders.scopes)[number] };

/**
 * Still signed in = the refresh token still works: the token route gets the token of
 * `stillSignedInProbe`, which needs a refresh grant.
 *
 * @example
 * expect(await canStillRefresh(context)).toBe(true);
 */
export async function canStillRefresh(context: BrowserContext): Promise<boolean> {
  const query = new URLSearchParams(stillSignedInProbe);
  return (await context.request.get(`/auth/access-token?${query}`)).ok();
}

async function countWidgets(tabs: Page[]): Promise<WidgetStates> {
  const total: WidgetStates = { ok: 0, error: 0, loading: 0 };
  for (const tab of tabs) {
    const states = await widgetStates(tab);
    total.ok += states.ok;
    total.error += states.error;
    total.loading += states.loading;
  }
  return total;
}

/**
 * A JSON answer in the tab: a demo API says which token it accepted (`token: { aud, exp }`); the
 * token route answers with the token itself, a string.
 */
type Answer = { token?: string | null | { aud?: string | string[]; exp?: number } };

function recordTokensUsed(tab: Page, tokens: Map<string, Set<number>>) {
  tab.on("response", async (response) => {
    if (response.request().resourceType() !== "fetch" || response.status() !== 200) return;
    const body = (await response.json().catch(() => null)) as Answer | null;
    if (typeof body?.token !== "object" || body.token === null) return;
    const { aud, exp } = body.token;
    // An Auth0 access token names its API first; `/userinfo` may follow.
    const audience = Array.isArray(aud) ? aud[0] : aud;
    if (!audience || exp === undefined) return;
    tokens.set(audience, (tokens.get(audience) ?? new Set()).add(exp));
  });
}
