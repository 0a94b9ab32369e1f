import { expect, signedInContext, test, watchCspViolations } from "./fixtures";
import { DemoPage } from "./pages/demo-page";
import { customRouteAppUrl } from "@/test-support/servers";
import { paths } from "@/config/paths";
import { localOnly, onTarget } from "@/test-support/target";

test.skip(
  onTarget,
  localOnly(
    "it needs the second build, served with NEXT_PUBLIC_ACCESS_TOKEN_ROUTE=/api/custom-token",
  ),
);

test("the default build asks /auth/access-token; another route is a plain Error", async ({
  page,
}) => {
  const demo = new DemoPage(page);
  await demo.goto("custom-route");
  await expect(page.getByTestId("token-route")).toHaveText("/auth/access-token");

  const answer = await demo.clickAndCapture(
    demo.button("Get a token through /auth/access-token"),
    "/auth/access-token",
  );
  expect(answer.status).toBe(200);
  await expect(page.getByTestId("route-result")).toBeVisible();

  await demo.button("Try /api/custom-token instead").click();
  await expect(demo.problem().code).toHaveText("route_not_found");
});

test("a build with NEXT_PUBLIC_ACCESS_TOKEN_ROUTE=/api/custom-token uses that route on both sides", async ({
  browser,
}) => {
  const context = await signedInContext(browser, { baseURL: customRouteAppUrl });
  const page = await context.newPage();
  const demo = new DemoPage(page);
  await demo.goto("custom-route");
  await expect(page.getByTestId("token-route")).toHaveText("/api/custom-token");

  const answer = await demo.clickAndCapture(
    demo.button("Get a token through /api/custom-token"),
    "/api/custom-token",
  );
  expect(answer.status).toBe(200);
  expect(answer.body.token).toEqual(expect.any(String));
  await expect(page.getByTestId("route-result")).toContainText("/api/custom-token");

  // The old path is no longer served: a client built without the variable would break.
  await demo.button("Try /auth/access-token instead").click();
  await expect(demo.problem().code).toHaveText("route_not_found");
  expect(watchCspViolations(context), "Content-Security-Policy violations").toEqual([]);
  await context.close();
});

test("the custom route is guarded like the default one, and never cacheable", async ({
  request,
}) => {
  const route = `${customRouteAppUrl}${paths.customTokenRoute}`;
  const cases: [string, Record<string, string>, number, string][] = [
    ["", {}, 401, "missing_session"],
    ["?audience=", {}, 400, "invalid_audience"],
    ["?scope=admin", {}, 400, "invalid_scope"],
    ["", { "Sec-Fetch-Site": "cross-site" }, 403, "cross_site_request"],
  ];
  for (const [query, headers, status, code] of cases) {
    const response = await request.get(`${route}${query}`, { headers });
    expect(response.status(), `${query} ${JSON.stringify(headers)}`).toBe(status);
    expect(response.headers()["cache-control"]).toBe("no-store");
    expect(await response.json()).toMatchObject({ error: { code } });
  }
});
