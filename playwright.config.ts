import { defineConfig, devices } from "@playwright/test";
import { findChromium } from "@/test-support/browser";
import {
  appEnv,
  appPort,
  appUrl,
  customRouteAppEnv,
  customRouteAppUrl,
  customRoutePort,
  guardOffAppEnv,
  guardOffAppUrl,
  guardOffPort,
  devAppEnv,
  devAppUrl,
  devPort,
  issuerEnv,
  issuerUrl,
} from "@/test-support/servers";
import { localServersOnly, suiteBaseUrl } from "@/test-support/target";

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL: suiteBaseUrl,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: findChromium(),
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
          ],
        },
      },
    },
  ],
  // Against a running app (E2E_BASE_URL, see test-support/target.ts) none of them starts.
  webServer: localServersOnly([
    {
      command: "tsx local-issuer/main.ts",
      url: `${issuerUrl}/.well-known/openid-configuration`,
      env: issuerEnv,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: `next start --port ${appPort}`,
      url: appUrl,
      env: appEnv,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: `next dev --port ${devPort}`,
      url: devAppUrl,
      env: devAppEnv,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: `next start --port ${customRoutePort}`,
      url: customRouteAppUrl,
      env: customRouteAppEnv,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: `next start --port ${guardOffPort}`,
      url: guardOffAppUrl,
      env: guardOffAppEnv,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
    },
  ]),
});
