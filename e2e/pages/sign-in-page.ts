import { expect, type Page } from "@playwright/test";

/** The local authorization server's sign-in form (`local-issuer/`). */
export class SignInPage {
  constructor(private readonly page: Page) {}

  async signIn(email: string, password: string) {
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Continue" }).click();
  }

  async expectError(message: RegExp) {
    await expect(this.page.getByRole("alert")).toContainText(message);
  }
}
