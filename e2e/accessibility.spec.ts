import AxeBuilder from "@axe-core/playwright";
import { chapters } from "@/config/chapters";
import { expect, test } from "./fixtures";
import { localOnly, onTarget } from "@/test-support/target";

const paths = ["/", ...chapters.map((chapter) => `/${chapter.slug}`), "/source/lib/auth0.ts"];

for (const path of paths) {
  test(`no serious or critical accessibility violations on ${path}`, async ({ page }) => {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    // Let client components settle (loading states turn into data).
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    const { violations } = await new AxeBuilder({ page }).analyze();
    const serious = violations
      .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
      .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.length})`);
    expect(serious).toEqual([]);
  });
}

test("the sign-in page of the local authorization server is accessible", async ({
  freshContext,
}) => {
  test.skip(onTarget, localOnly("a tenant's Universal Login is Auth0's page, not this project's"));
  const page = await freshContext.newPage();
  await page.goto("/auth/login");
  await expect(page.getByLabel("Email")).toBeVisible();
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
});
