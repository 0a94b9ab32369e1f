import { expect, type Locator, type Page } from "@playwright/test";
import { apis, type ApiId } from "@/config/apis";
import { paths } from "@/config/paths";
import { DemoPage } from "./demo-page";

/** The MRRT playground: the policy editor on the left, the ask on the right. */
export class PlaygroundPage extends DemoPage {
  readonly editor: Locator;
  readonly ask: Locator;
  readonly result: Locator;

  constructor(page: Page) {
    super(page);
    this.editor = page.getByTestId("policy-editor");
    this.ask = page.getByTestId("playground-ask");
    this.result = page.getByTestId("ask-result");
  }

  async open() {
    await this.goto("mrrt-playground");
  }

  /** Ticks or unticks an API and its scopes in the editor (before saving). */
  async setPolicy(api: ApiId, scopes: readonly string[] | undefined) {
    const fieldset = this.page.getByTestId(`policy-${api}`);
    await fieldset.getByLabel(`${apis[api].name} in the policy`).setChecked(scopes !== undefined);
    if (scopes === undefined) return;
    for (const scope of apis[api].scopes) {
      await fieldset.getByLabel(scope).setChecked(scopes.includes(scope));
    }
  }

  async save(button: "Save the policy" | "Reset to the app's policy" = "Save the policy") {
    await this.editor.getByRole("button", { name: button }).click();
    await expect(this.page.getByTestId("policy-status")).toHaveText(/^Saved\./);
  }

  /** Asks for a token and waits for the answer; returns the rule the page names. */
  async askFor(api: ApiId | "", scopes: readonly string[] = []) {
    await this.ask.getByLabel("Audience").selectOption(api);
    for (const scope of scopes) await this.ask.getByLabel(scope).check();
    await Promise.all([
      this.page.waitForResponse((r) => new URL(r.url()).pathname === paths.playgroundAsk),
      this.ask.getByRole("button", { name: "Refresh now" }).click(),
    ]);
    await expect(this.result).toBeVisible();
    return this.result.getAttribute("data-rule");
  }
}
