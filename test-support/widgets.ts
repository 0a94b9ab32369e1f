import type { Page } from "@playwright/test";

/** How many of the token-races widgets are in each state. */
export type WidgetStates = { ok: number; error: number; loading: number };

/**
 * Counts the widgets of `/token-races` by their `data-state`.
 *
 * @example
 * const { ok, error } = await widgetStates(page);
 */
export async function widgetStates(page: Page): Promise<WidgetStates> {
  // Only the states cross into the page: functions defined inside an evaluated callback would
  // carry the transpiler's name helpers, which the page does not have.
  const states = await page
    .locator('[data-testid="widget"]')
    .evaluateAll((widgets) => widgets.map((widget) => widget.dataset.state ?? ""));
  const count = (state: string) => states.filter((s) => s === state).length;
  return { ok: count("ok"), error: count("error"), loading: count("loading") };
}

/**
 * Waits until all ten widgets have settled: each one `ok` or `error`, none `loading`.
 *
 * @example
 * await page.goto("/token-races");
 * await widgetsSettled(page);
 */
export async function widgetsSettled(page: Page, count = 10): Promise<WidgetStates> {
  await page.waitForFunction((expected) => {
    const widgets = [...document.querySelectorAll<HTMLElement>('[data-testid="widget"]')];
    return widgets.length === expected && widgets.every((w) => w.dataset.state !== "loading");
  }, count);
  return widgetStates(page);
}
