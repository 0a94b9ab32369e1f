import { expect, suiteUser, test } from "./fixtures";
import { DemoPage } from "./pages/demo-page";

test("editing needs write:profile: 403 with the sign-in token, then success", async ({
  signedInPage,
}) => {
  // A fresh sign-in: once refreshed, the sign-in audience's token gains the policy's scopes.
  const page = await signedInPage(suiteUser);
  const demo = new DemoPage(page);
  await demo.goto("additional-scopes");
  const bio = `Bio written at ${Date.now()}`;
  await page.getByLabel("New bio").fill(bio);

  const refused = await demo.clickAndCapture(
    demo.button("Save with the sign-in token"),
    "/api/profile/me",
  );
  expect(refused.status).toBe(403);
  expect(refused.body).toMatchObject({ error: "insufficient_scope", scope: "write:profile" });
  await expect(demo.problem().apiStatus).toHaveText("403");
  await expect(demo.problem().root).toContainText('scope="write:profile"');

  const saved = await demo.clickAndCapture(
    demo.button("Save with write:profile"),
    "/api/profile/me",
  );
  expect(saved.status).toBe(200);
  expect(saved.body).toMatchObject({ bio });
  expect(saved.body.token).toMatchObject({ scope: expect.stringContaining("write:profile") });
  await expect(page.getByTestId("save-result")).toContainText(bio);
  await expect(demo.inspector().scope).toContainText("write:profile");

  // The next read returns the new bio.
  await demo.goto("basic-usage");
  const read = await demo.clickAndCapture(demo.button(/load my profile/), "/api/profile/me");
  expect(read.body).toMatchObject({ bio });
});
