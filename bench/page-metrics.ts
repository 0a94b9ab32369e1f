import type { BrowserContext, Request } from "@playwright/test";
import { widgetsSettled } from "@/test-support/widgets";
import type { PageJsSample, TokenRequestsSample } from "./report-types";

const TOKEN_ROUTE = "/auth/access-token";

/**
 * Requests to the token route from page load until every widget of `/token-races` has loaded
 * (or failed), in a fresh page: the tab's token manager starts empty, as after a navigation.
 *
 * @example
 * await tokenRequestsPerLoad(context, true); // { manager: true, tokenRequests: 2, … }
 */
export async function tokenRequestsPerLoad(
  context: BrowserContext,
  manager: boolean,
): Promise<TokenRequestsSample> {
  const page = await context.newPage();
  let tokenRequests = 0;
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === TOKEN_ROUTE) tokenRequests += 1;
  });
  await page.goto(manager ? "/token-races" : "/token-races?manager=off");
  const states = await widgetsSettled(page);
  const counted = tokenRequests; // read before anything else can fire
  await page.close();
  return { manager, tokenRequests: counted, widgetsOk: states.ok, widgetsError: states.error };
}

/**
 * The JS a page downloads as transferred (encoded, so gzip when the server compresses), with the
 * browser cache off so every page pays for its shared chunks as a first visit would.
 *
 * @example
 * const { sample, encodings } = await pageJs(context, "/basic-usage"); // sample.bytes: 163840
 */
export async function pageJs(context: BrowserContext, path: string) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  // The cache switch only holds while this session has the Network domain enabled.
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const scripts: Request[] = [];
  page.on("requestfinished", (request) => {
    if (request.resourceType() === "script") scripts.push(request);
  });
  await page.goto(path, { waitUntil: "networkidle" });
  const sizes = await Promise.all(scripts.map((request) => request.sizes()));
  const encodings = await Promise.all(
    scripts.map(async (request) => {
      const response = await request.response();
      return (await response?.headerValue("content-encoding")) ?? "identity";
    }),
  );
  await page.close();
  if (sizes.some((size) => size.responseBodySize <= 0)) {
    // A cached response has no body on the wire (Playwright reports it as negative).
    throw new Error(`A script of ${path} came from the browser cache: its size is unknown.`);
  }
  const bytes = sizes.reduce((sum, size) => sum + size.responseBodySize, 0);
  const sample: PageJsSample = { path, scripts: scripts.length, bytes };
  return { sample, encodings };
}
