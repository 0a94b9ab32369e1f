import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

/** `npm run screenshots`: the README's pictures, taken from the running app by the same servers. */
export default defineConfig({
  ...base,
  testDir: "./scripts",
  testMatch: "screenshots.spec.ts",
  reporter: "list",
  use: { ...base.use, viewport: { width: 1100, height: 900 } },
});
