import { expect, type Page } from "@playwright/test";

/**
 * The authorization server's sign-in: the local issuer's one-page form (`local-issuer/`), or an
 * Auth0 tenant's Universal Login when the suite runs against a deployed app (`E2E_BASE_URL`).
 */
export class SignInPage {
  constructor(private readonly page: Page) {}

  /** Universal Login's fields and buttons, by the names Auth0 gives them. */
  private get universal() {
    return {
      username: this.page.locator("input[name=username]"),
      password: this.page.locator("input[name=password]"),
      submit: this.page.locator("button[type=submit][name=action]:visible").first(),
      accept: this.page.locator("button[type=submit][name=action][value=accept]"),
    };
  }

  /**
   * Fills in whichever sign-in page shows up and submits it.
   *
   * @example
   * await page.goto("/auth/login");
   * await new SignInPage(page).signIn("demo@example.com", "demo-password");
   */
  async signIn(email: string, password: string) {
    // The local form has no `username` field: the two pages cannot be mistaken for each other.
    const localEmail = this.page.locator("input[name=email]");
    await expect(localEmail.or(this.universal.username)).toBeVisible();
    if (await this.universal.username.isVisible()) {
      await this.signInWithUniversalLogin(email, password);
      return;
    }
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Continue" }).click();
  }

  private async signInWithUniversalLogin(email: string, password: string) {
    const { username, password: passwordField, submit, accept } = this.universal;
    await username.fill(email);
    // Identifier first: the password is asked on a second page (the classic form has both).
    if (!(await passwordField.isVisible())) {
      await submit.click();
      await expect(passwordField).toBeVisible();
    }
    await passwordField.fill(password);
    await submit.click();
    await expect(
      this.page,
      "Universal Login kept the sign-in page: check E2E_USER_EMAIL and E2E_USER_PASSWORD",
    ).not.toHaveURL(/\/u\/login/);
    // A tenant that does not skip consent asks once per user and application.
    if (/\/u\/consent/.test(this.page.url())) await accept.click();
  }

  async expectError(message: RegExp) {
    await expect(this.page.getByRole("alert")).toContainText(message);
  }
}
