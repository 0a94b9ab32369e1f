import type { Locator, Page } from "@playwright/test";
import { paths } from "@/config/paths";
import { TOKEN_LOCK_TIMEOUT_MS, TOKEN_REQUEST_TIMEOUT_MS } from "@/lib/tokens/token-deadlines";
import { tokenErrorCatalogue } from "@/lib/tokens/token-error-catalogue";
import { expect, signedInContext, test, watchCspViolations } from "./fixtures";
import { DemoPage } from "./pages/demo-page";

/** Time for the page to render what the deadline decided (a busy machine included). */
const RENDER_SLACK_MS = 3_000;

/** The ten widgets of `/token-races` in `state`. */
const widgetsIn = (page: Page, state: "ok" | "error"): Locator =>
  page.locator(`[data-testid="widget"][data-state="${state}"]`);

/** When all ten widgets of `page` reached `state`, waiting at most `timeoutMs`. */
async function allWidgetsAt(page: Page, state: "ok" | "error", timeoutMs: number) {
  await expect(widgetsIn(page, state)).toHaveCount(10, { timeout: timeoutMs });
  return Date.now();
}

test("a token route that never answers one tab: that tab shows the timeout, the other tab still gets its tokens", async ({
  browser,
}) => {
  test.setTimeout(TOKEN_LOCK_TIMEOUT_MS + TOKEN_REQUEST_TIMEOUT_MS + 60_000);
  const context = await signedInContext(browser);
  try {
    // The attack: one tab's token requests are held forever (a hung server, a proxy that never
    // answers). That tab takes the cross-tab token lock with its first request.
    const hung = await context.newPage();
    let heldSince = 0;
    await hung.route(
      (url) => url.pathname === paths.defaultTokenRoute,
      () => {
        heldSince ||= Date.now();
      },
    );
    await hung.goto("/token-races");
    await expect.poll(() => heldSince).toBeGreaterThan(0);

    // A second tab of the same origin, same session: its token requests queue for the same lock.
    const other = await context.newPage();
    const otherAskedAt = Date.now();
    await other.goto("/token-races");

    const [hungSettledAt, otherSettledAt] = await Promise.all([
      allWidgetsAt(hung, "error", TOKEN_REQUEST_TIMEOUT_MS + RENDER_SLACK_MS),
      allWidgetsAt(other, "ok", TOKEN_LOCK_TIMEOUT_MS + RENDER_SLACK_MS),
    ]);
    const hungMs = hungSettledAt - heldSince;
    const otherMs = otherSettledAt - otherAskedAt;
    test.info().annotations.push(
      {
        type: "hung tab: first token request held → all widgets show the error",
        description: `${hungMs} ms`,
      },
      {
        type: "other tab: opened → all widgets have their token and data",
        description: `${otherMs} ms`,
      },
    );

    // The hung tab waited for its deadline (the browser starts it a moment before the route
    // reaches this test), and explains what happened.
    expect(hungMs).toBeGreaterThanOrEqual(TOKEN_REQUEST_TIMEOUT_MS - 500);
    const problem = new DemoPage(hung).problem();
    await expect(problem.code).toHaveText("token_request_timeout");
    await expect(problem.root).toContainText(tokenErrorCatalogue.token_request_timeout.cause);
    await expect(problem.root).toContainText(tokenErrorCatalogue.token_request_timeout.fix);
    // The other tab was delayed by the hung tab's one deadline, never more than its own.
    expect(otherMs).toBeLessThan(TOKEN_LOCK_TIMEOUT_MS);
    expect(watchCspViolations(context), "Content-Security-Policy violations").toEqual([]);
  } finally {
    await context.close();
  }
});
