import type { BrowserContext, Page, Response } from "@playwright/test";
import { localClient } from "@/config/local-client";
import { paths } from "@/config/paths";
import { demoUser, expect, signIn, test } from "@/e2e/fixtures";
import { DemoPage } from "@/e2e/pages/demo-page";
import { decryptSession, sessionCookieValue } from "@/test-support/forge";
import { appEnv } from "@/test-support/servers";
import { localOnly, onTarget } from "@/test-support/target";

test.skip(
  onTarget,
  localOnly("it looks for the local client secret and the suite's cookie secret in every response"),
);

// Secrets stay where they belong: the refresh token and the ID token in the encrypted session
// cookie, the client secret and the cookie secret on the server. A full run through the chapters
// records every response the browser receives (pages, JS chunks, API answers, redirects) and
// none may carry one of them in plain text: not in a body, not in a header (Location included).

type Recorded = { where: string; headers: { name: string; value: string }[]; body: string };

async function record(response: Response): Promise<Recorded> {
  const request = response.request();
  const where = `${request.method()} ${response.url()} -> ${response.status()}`;
  // A redirect has no body to read; everything else does.
  const body = await response.body().catch(() => Buffer.alloc(0));
  return { where, headers: await response.headersArray(), body: body.toString("utf8") };
}

/** Every refresh token and ID token the session has held: they rotate during the run. */
async function collectSessionSecrets(context: BrowserContext, into: Map<string, string>) {
  const { tokenSet } = await decryptSession(sessionCookieValue(await context.cookies()));
  expect(tokenSet.refreshToken, "the session holds a refresh token").toBeTruthy();
  expect(tokenSet.idToken, "the session holds an ID token").toBeTruthy();
  into.set(tokenSet.refreshToken ?? "", "a refresh token");
  into.set(tokenSet.idToken ?? "", "an ID token");
}

/** The chapters, each with its main demo clicked and its answer awaited. */
const chapters: [string, (page: Page, demo: DemoPage) => Promise<unknown>][] = [
  ["", async (page) => expect(page.getByTestId("user-name")).toHaveText(demoUser.name)],
  [
    "basic-usage",
    (_page, demo) => demo.clickAndCapture(demo.button(/load my profile/), "/api/profile/me"),
  ],
  [
    "multi-api",
    async (page, demo) => {
      await expect(page.getByTestId("orders")).toBeVisible();
      await demo.clickAndCapture(
        demo.button("Call the Orders API with the profile token"),
        "/api/orders",
      );
    },
  ],
  [
    "additional-scopes",
    async (page, demo) => {
      await page.getByLabel("New bio").fill(`Bio written at ${Date.now()}`);
      await demo.clickAndCapture(demo.button("Save with write:profile"), "/api/profile/me");
    },
  ],
  [
    "full-response",
    (_page, demo) =>
      demo.clickAndCapture(demo.button("Get the full token response"), "/auth/access-token"),
  ],
  [
    "error-handling",
    (page, demo) =>
      demo.clickAndCapture(
        page.getByTestId("scenario-invalid_scope").getByRole("button"),
        "/auth/access-token",
      ),
  ],
  [
    "mrrt",
    async (page, demo) => {
      for (const api of ["profile", "orders"]) {
        const button = page.getByTestId(`mrrt-${api}`).getByRole("button");
        await demo.clickAndCapture(button, "/auth/access-token");
      }
    },
  ],
  [
    "mrrt-playground",
    (_page, demo) => demo.clickAndCapture(demo.button("Refresh now"), paths.playgroundAsk),
  ],
  [
    "custom-route",
    (_page, demo) =>
      demo.clickAndCapture(
        demo.button("Get a token through /auth/access-token"),
        "/auth/access-token",
      ),
  ],
  ["server-side", async (page) => expect(page.getByRole("heading", { level: 1 })).toBeVisible()],
  ["token-races", (page) => page.waitForResponse((r) => r.url().endsWith("/api/orders"))],
];

test("no response of a full run carries the refresh token, ID token, client or cookie secret", async ({
  freshContext,
}) => {
  test.setTimeout(120_000);
  const recordings: Promise<Recorded>[] = [];
  freshContext.on("response", (response) => recordings.push(record(response)));
  const sessionSecrets = new Map<string, string>();

  const page = await freshContext.newPage();
  await signIn(page, demoUser);
  await collectSessionSecrets(freshContext, sessionSecrets);
  const demo = new DemoPage(page);
  for (const [slug, run] of chapters) {
    await demo.goto(slug);
    await run(page, demo);
    await collectSessionSecrets(freshContext, sessionSecrets);
  }
  await page.getByRole("link", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
  await page.waitForLoadState("networkidle");

  const secrets = new Map(sessionSecrets);
  secrets.set(localClient.clientSecret, "the client secret");
  secrets.set(appEnv.AUTH0_SECRET, "the cookie secret");
  const responses = await Promise.all(recordings);
  const findings: string[] = [];
  let bytes = 0;
  for (const { where, headers, body } of responses) {
    bytes += body.length;
    const places = [
      { place: "request URL", text: where },
      { place: "body", text: body },
      ...headers.map((header) => ({ place: `header ${header.name}`, text: header.value })),
    ];
    for (const { place, text } of places) {
      for (const [secret, name] of secrets) {
        if (text.includes(secret) || text.includes(encodeURIComponent(secret))) {
          findings.push(`${name} in the ${place} of ${where.split("?")[0]}`);
        }
      }
    }
  }
  console.log(
    `secrets: scanned ${responses.length} responses (${bytes} body bytes) for ${secrets.size} ` +
      `secret strings (${sessionSecrets.size} from the session)`,
  );
  expect(responses.length).toBeGreaterThan(50);
  expect(findings).toEqual([]);
});
