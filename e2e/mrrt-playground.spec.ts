import { randomBytes } from "node:crypto";
import type { Browser } from "@playwright/test";
import { apis } from "@/config/apis";
import { paths } from "@/config/paths";
import { dpopKeyVariables } from "@/test-support/env-fixtures";
import { OwnServers } from "@/test-support/own-servers";
import { localOnly, onTarget } from "@/test-support/target";
import { expect, signedInContext, test } from "./fixtures";
import { PlaygroundPage } from "./pages/playground-page";

test.skip(onTarget, localOnly("it starts its own apps and issuers, and edits the policy"));

// The playground edits the client's policy: its own issuer, so no other spec sees the changes.
// A second issuer refuses audiences outside the policy (LOCAL_ISSUER_MRRT_STRICT), and a third
// app is configured for a tenant (no Management API credentials, no network): read-only.
const APP = "http://localhost:3441";
const STRICT_APP = "http://localhost:3451";
const TENANT_APP = "http://localhost:3452";
const servers = new OwnServers(4441);
const strictServers = new OwnServers(4451);

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  await Promise.all([
    servers.startIssuer([APP]),
    strictServers.startIssuer([STRICT_APP], { LOCAL_ISSUER_MRRT_STRICT: "true" }),
  ]);
  await Promise.all([
    servers.startApp(3441),
    strictServers.startApp(3451),
    servers.startApp(3452, {
      AUTH0_DOMAIN: "playground-tenant.us.auth0.com",
      AUTH0_CLIENT_ID: "tenant-app",
      AUTH0_CLIENT_SECRET: "tenant-app-secret",
      AUTH0_SECRET: randomBytes(32).toString("hex"),
      APP_BASE_URL: "https://localhost:3452",
      ALLOW_LOCAL_ISSUER_IN_PRODUCTION: "",
      // A tenant in production starts only with the DPoP chapter's key pair.
      ...dpopKeyVariables(),
    }),
  ]);
});

test.afterAll(async () => {
  await Promise.all([servers.stop(), strictServers.stop()]);
});

/** A signed-in browser on the playground of the app at `baseURL`. */
async function openPlayground(browser: Browser, baseURL: string) {
  const context = await signedInContext(browser, { baseURL });
  const playground = new PlaygroundPage(await context.newPage());
  await playground.open();
  return { context, playground };
}

test("policy match, narrowed scopes and the silent fallback, each as the policy is edited; reset restores it", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const { context, playground } = await openPlayground(browser, APP);
  const inspector = playground.inspector(playground.result);

  // The app's own policy: the Orders API with both scopes.
  expect(await playground.askFor("orders")).toBe("policy-match");
  await expect(playground.page.getByTestId("rule-headline")).toHaveText("Policy match (rule 2)");
  await expect(inspector.aud).toContainText(apis.orders.audience);
  await expect(inspector.scope).toContainText("write:orders");
  await expect(playground.page.getByTestId("rotation")).toContainText("Refresh token rotated");

  // Only read:orders allowed: write:orders, asked for, is dropped.
  await playground.setPolicy("orders", ["read:orders"]);
  await expect(playground.page.getByTestId("policy-request")).toContainText(
    "PATCH /api/v2/clients/local-demo-app",
  );
  await playground.save();
  expect(await playground.askFor("orders", ["write:orders"])).toBe("policy-match");
  await expect(playground.page.getByTestId("rule-headline")).toContainText("scopes narrowed");
  await expect(playground.result).toContainText("write:orders silently dropped");
  await expect(playground.page.getByTestId("ask-sent")).toContainText("read:orders write:orders");
  await expect(inspector.scope).not.toContainText("write:orders");

  // The Orders API out of the policy: a token for the sign-in audience instead, no error.
  await playground.setPolicy("orders", undefined);
  await playground.save();
  expect(await playground.askFor("orders")).toBe("audience-fallback");
  await expect(inspector.aud).toContainText(apis.profile.audience);
  await expect(inspector.warning).toContainText(`Asked for a token for ${apis.orders.audience}`);

  // Another chapter keeps working meanwhile: the token route answers from the session.
  expect((await context.request.get("/auth/access-token")).status()).toBe(200);

  // Reset: the app's policy again, read back through the Management API after a reload.
  await playground.save("Reset to the app's policy");
  await playground.page.reload();
  await expect(
    playground.page.getByTestId("policy-orders").getByLabel("write:orders"),
  ).toBeChecked();
  expect(await playground.askFor("orders", ["write:orders"])).toBe("policy-match");
  await expect(inspector.scope).toContainText("write:orders");
  await context.close();
});

test("an issuer in strict mode refuses an audience outside the policy, and the session survives", async ({
  browser,
}) => {
  const { context, playground } = await openPlayground(browser, STRICT_APP);
  expect(await playground.askFor("reports")).toBe("refused");
  await expect(playground.page.getByTestId("rule-headline")).toHaveText(
    "Refused: the audience is not in the policy (strict mode)",
  );
  await expect(playground.result).toContainText("access_denied");
  // Refused before the refresh token rotated: the next ask still works.
  expect(await playground.askFor("orders")).toBe("policy-match");
  await context.close();
});

test("no ask without a session, and none another site or a GET can send", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: APP });
  const ask = (query: string, init: { method?: string; headers?: Record<string, string> } = {}) =>
    context.request.fetch(`${paths.playgroundAsk}?${query}`, { method: "POST", ...init });
  const signedOut = await ask(`audience=${apis.orders.audience}`);
  expect(signedOut.status()).toBe(401);
  expect(await signedOut.json()).toMatchObject({ ok: false, error: { code: "missing_session" } });
  expect(signedOut.headers()["cache-control"]).toBe("no-store");
  expect((await ask("", { method: "GET" })).status()).toBe(405);
  const crossSite = await ask("", { headers: { "sec-fetch-site": "cross-site" } });
  expect(crossSite.status()).toBe(403);
  const unknown = await ask("audience=https://evil.example.com");
  expect(await unknown.json()).toMatchObject({ error: { code: "invalid_audience" } });
  const extra = await ask("mergeScopes=false");
  expect(await extra.json()).toMatchObject({ error: { code: "invalid_request" } });
  await context.close();
});

test("with a tenant configured, the page offers no write", async ({ page }) => {
  await page.goto(`${TENANT_APP}/mrrt-playground`);
  await expect(page.getByTestId("policy-read-only")).toContainText(
    "never changes a tenant's policy",
  );
  await expect(page.getByRole("button", { name: /Save the policy|Reset/ })).toHaveCount(0);
});

test("twelve asks at once from one session refresh without spending a refresh token twice", async ({
  browser,
}) => {
  const context = await signedInContext(browser, { baseURL: APP });
  const ask = () =>
    context.request.post(`${paths.playgroundAsk}?audience=${apis.orders.audience}`, {
      headers: { "sec-fetch-site": "same-origin" },
    });
  const answers = await Promise.all(Array.from({ length: 12 }, ask));
  expect(answers.map((answer) => answer.status())).toEqual(Array(12).fill(200));
  expect(answers[0]?.headers()["cache-control"]).toBe("no-store");
  // The grant is intact: a later ask refreshes again.
  const after = await ask();
  expect(after.status()).toBe(200);
  await context.close();
});

test("the policy actions refuse a signed-out caller and another host name, and change nothing", async ({
  browser,
}) => {
  const { context, playground } = await openPlayground(browser, APP);
  // A real save, to learn the action's request; replayed below with an emptied policy.
  const [save] = await Promise.all([
    playground.page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]),
    playground.save(),
  ]);
  const replay = (from: typeof context.request, headers: Record<string, string> = {}) =>
    from.post("/mrrt-playground", {
      headers: {
        "next-action": save.headers()["next-action"] ?? "",
        "content-type": save.headers()["content-type"] ?? "text/plain",
        origin: APP,
        ...headers,
      },
      data: "[[]]",
    });
  const signedOut = await browser.newContext({ baseURL: APP });
  expect(await (await replay(signedOut.request)).text()).toContain("Not saved: sign in first.");
  const rebound = await replay(context.request, {
    host: "rebind.example:3441",
    origin: "http://rebind.example:3441",
  });
  expect(await rebound.text()).toContain(`Not saved: the app answers changes at ${APP} only.`);
  await playground.page.reload();
  await expect(
    playground.page.getByTestId("policy-orders").getByLabel("write:orders"),
  ).toBeChecked();
  await signedOut.close();
  await context.close();
});
