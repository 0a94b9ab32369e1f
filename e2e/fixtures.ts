import {
  test as base,
  expect,
  type Browser,
  type BrowserContext,
  type Page,
} from "@playwright/test";
import { demoUsers } from "@/config/demo-users";
import { SignInPage } from "./pages/sign-in-page";
import { suiteBaseUrl, target, type SignInUser } from "@/test-support/target";

export type DemoUser = (typeof demoUsers)[number];
export const [demoUser, secondUser] = demoUsers;

/** Who the signed-in fixtures are: the demo user, or the test user of a target (`E2E_*`). */
export const suiteUser: SignInUser = target?.user ?? demoUser;

/**
 * Signs in through the app's /auth/login and the authorization server's form, and waits until
 * the app shows the user (by name, when the suite knows it).
 */
export async function signIn(page: Page, user: SignInUser, loginPath = "/auth/login") {
  await page.goto(loginPath);
  await new SignInPage(page).signIn(user.email, user.password);
  const name = page.getByTestId("user-name");
  await (user.name === undefined
    ? expect(name).not.toBeEmpty()
    : expect(name).toHaveText(user.name));
}

const cspViolations = new WeakMap<BrowserContext, string[]>();

/**
 * Records every Content-Security-Policy violation that a page of `context` reports (Chromium
 * logs each one as a console error), so a test can fail on the first script or style the policy
 * blocked. Returns the live list.
 */
export function watchCspViolations(context: BrowserContext): string[] {
  let violations = cspViolations.get(context);
  if (!violations) {
    const list: string[] = [];
    context.on("console", (message) => {
      if (message.type() === "error" && /Content Security Policy/i.test(message.text())) {
        list.push(`${message.location().url}: ${message.text()}`);
      }
    });
    cspViolations.set(context, list);
    violations = list;
  }
  return violations;
}

/**
 * A browser context of its own on `baseURL`, signed in as `user`: a session of its own, so one
 * test's refreshes (or revoked grant) never reach another test or measurement. CSP violations of
 * its pages are recorded (`watchCspViolations`). Close it when done.
 *
 * @example
 * const context = await signedInContext(browser, { user: secondUser });
 */
export async function signedInContext(
  browser: Browser,
  { baseURL = suiteBaseUrl, user = suiteUser }: { baseURL?: string; user?: SignInUser } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL });
  watchCspViolations(context);
  const page = await context.newPage();
  await signIn(page, user);
  await page.close();
  return context;
}

/**
 * Runs `use` in a `signedInContext` on `baseURL`, and closes the context whatever happens.
 *
 * @example
 * const cookie = await inSignedInContext(browser, appUrl, (context) => sessionCookieOf(context));
 */
export async function inSignedInContext<T>(
  browser: Browser,
  baseURL: string,
  use: (context: BrowserContext) => Promise<T>,
): Promise<T> {
  const context = await signedInContext(browser, { baseURL });
  try {
    return await use(context);
  } finally {
    await context.close();
  }
}

type WorkerFixtures = { demoContext: BrowserContext };
type TestFixtures = {
  /** A fresh browser context: for tests that sign out, revoke or sign in differently. */
  freshContext: BrowserContext;
  /** Signs a user in inside a fresh context and returns its page. */
  signedInPage: (user: SignInUser) => Promise<Page>;
};

/**
 * `page` is signed in as the demo user, once per worker. The context is shared rather than
 * re-created from saved cookies: the session's refresh token rotates, and a copy of an old
 * cookie would replay a spent refresh token (which revokes the grant, as Auth0 does).
 */
export const test = base.extend<TestFixtures, WorkerFixtures>({
  demoContext: [
    async ({ browser }, use) => {
      const context = await signedInContext(browser);
      await use(context);
      await context.close();
    },
    { scope: "worker" },
  ],
  page: async ({ demoContext }, use) => {
    const violations = watchCspViolations(demoContext);
    const before = violations.length;
    const page = await demoContext.newPage();
    await use(page);
    await page.close();
    expect(violations.slice(before), "Content-Security-Policy violations").toEqual([]);
  },
  freshContext: async ({ browser }, use) => {
    const context = await browser.newContext({ baseURL: suiteBaseUrl });
    const violations = watchCspViolations(context);
    await use(context);
    await context.close();
    expect(violations, "Content-Security-Policy violations").toEqual([]);
  },
  signedInPage: async ({ freshContext }, use) => {
    await use(async (user) => {
      const page = await freshContext.newPage();
      await signIn(page, user);
      return page;
    });
  },
});

export { expect };
