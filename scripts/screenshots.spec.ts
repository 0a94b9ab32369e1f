import { expect, test } from "@/e2e/fixtures";
import { DemoPage } from "@/e2e/pages/demo-page";

/** Pictures for the README, of the app as a signed-in user sees it. */
const shots: { name: string; slug: string; act?: (demo: DemoPage) => Promise<void> }[] = [
  { name: "home", slug: "" },
  {
    name: "basic-usage",
    slug: "basic-usage",
    act: async (demo) => {
      await demo.button(/load my profile/).click();
      await expect(demo.inspector().aud).toBeVisible();
    },
  },
  {
    name: "multi-api",
    slug: "multi-api",
    act: async (demo) => {
      await expect(demo.page.getByTestId("orders")).toBeVisible();
      await demo.button("Call the Orders API with the profile token").click();
      await expect(demo.problem().apiStatus).toBeVisible();
    },
  },
  {
    name: "mrrt-fallback",
    slug: "mrrt",
    act: async (demo) => {
      await demo.page.getByTestId("mrrt-reports").getByRole("button").click();
      await expect(demo.inspector(demo.page.getByTestId("mrrt-reports")).warning).toBeVisible();
    },
  },
  {
    name: "token-races",
    slug: "token-races",
    act: async (demo) => {
      await expect(demo.page.locator('[data-testid="widget"][data-state="ok"]')).toHaveCount(10);
    },
  },
  {
    name: "step-up-mfa",
    slug: "step-up-mfa",
    act: async (demo) => {
      await demo.page.getByRole("button", { name: "Refund" }).first().click();
      await expect(demo.page.getByTestId("step-up")).toContainText("mfa_required");
    },
  },
];

for (const shot of shots) {
  test(`screenshot: ${shot.name}`, async ({ page }) => {
    const demo = new DemoPage(page);
    await demo.goto(shot.slug);
    await shot.act?.(demo);
    await page.screenshot({ path: `docs/screenshots/${shot.name}.png`, fullPage: true });
  });
}
