import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

/**
 * Which Chromium the end-to-end tests drive: Playwright's own build where `npx playwright install`
 * has put one, otherwise `CHROMIUM_PATH`, otherwise Debian's `/usr/bin/chromium`.
 *
 * @example
 * const executablePath = findChromium(); // undefined = Playwright's own browser
 */
export function findChromium(): string | undefined {
  if (process.env.CHROMIUM_PATH) {
    if (existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
    throw new Error(
      `CHROMIUM_PATH is set to ${process.env.CHROMIUM_PATH}, which does not exist: point it at a ` +
        "Chromium binary (for example /usr/bin/chromium), or unset it to use Playwright's browser.",
    );
  }
  if (existsSync(chromium.executablePath())) return undefined;
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  throw new Error(
    "No browser for the end-to-end tests. Install one with `npx playwright install chromium`, " +
      "or `apt-get install chromium` (Debian), or set CHROMIUM_PATH to a Chromium binary.",
  );
}
