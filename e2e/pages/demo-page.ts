import { expect, type Locator, type Page, type Response } from "@playwright/test";

/** What a demo API answered, read from the network as the browser received it. */
export type ApiAnswer = { status: number; body: Record<string, unknown> };

/** A tutorial chapter: its token inspectors, problem panels and the API calls it makes. */
export class DemoPage {
  constructor(readonly page: Page) {}

  async goto(slug: string) {
    await this.page.goto(`/${slug}`);
    await expect(this.page.getByRole("heading", { level: 1 })).toBeVisible();
  }

  button(name: string | RegExp): Locator {
    return this.page.getByRole("button", { name });
  }

  /** Clicks and returns the first answer of an API route whose path ends with `pathEnd`. */
  async clickAndCapture(button: Locator, pathEnd: string): Promise<ApiAnswer> {
    const [response] = await Promise.all([
      this.page.waitForResponse((r) => new URL(r.url()).pathname.endsWith(pathEnd)),
      button.click(),
    ]);
    return readAnswer(response);
  }

  inspector(within: Locator | Page = this.page) {
    const root = within.getByTestId("token-inspector").first();
    return {
      root,
      aud: root.getByTestId("claim-aud"),
      scope: root.getByTestId("claim-scope"),
      sub: root.getByTestId("claim-sub"),
      warning: root.getByTestId("token-warning"),
    };
  }

  problem(within: Locator | Page = this.page) {
    const root = within.getByTestId("problem").first();
    return {
      root,
      code: root.getByTestId("error-code"),
      apiStatus: root.getByTestId("api-status"),
      apiError: root.getByTestId("api-error"),
    };
  }
}

export async function readAnswer(response: Response): Promise<ApiAnswer> {
  return { status: response.status(), body: (await response.json()) as Record<string, unknown> };
}
