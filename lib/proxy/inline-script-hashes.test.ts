import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";
import { contentSecurityPolicy } from "@/lib/proxy/security-headers";
import { sdkServerModule } from "@/test-support/sdk-internals";
import { admitInlineScripts, inlineScriptHashes } from "./inline-script-hashes";

type HtmlHelpers = {
  createAuthCompletePostMessageResponse: (options: {
    success: boolean;
    user?: { sub: string; email?: string };
    error?: { code: string; message: string };
  }) => Response;
};
const isHtmlHelpers = (loaded: unknown): loaded is HtmlHelpers =>
  typeof (loaded as HtmlHelpers).createAuthCompletePostMessageResponse === "function";

const policy = contentSecurityPolicy({ nonce: "abc", development: false });

test("the SDK's popup callback page gets exactly its own inline script admitted by hash", async () => {
  const { createAuthCompletePostMessageResponse } = await sdkServerModule(
    "../utils/html-helpers.js",
    isHtmlHelpers,
  );
  const page = createAuthCompletePostMessageResponse({
    success: true,
    user: { sub: "auth0|1", email: "</script><script>alert(1)</script>" },
  });
  page.headers.append("Set-Cookie", "__session=a; Path=/");
  page.headers.append("Set-Cookie", "__txn_x=; Max-Age=0");
  const html = await page.clone().text();
  const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? "";
  assert.ok(script.includes("postMessage"), "the SDK's script, found");

  const admitted = await admitInlineScripts(page, policy);
  const csp = admitted.headers.get("Content-Security-Policy") ?? "";
  const hash = createHash("sha256").update(script).digest("base64");
  assert.match(
    csp,
    new RegExp(
      `script-src 'self' 'nonce-abc' 'strict-dynamic' 'sha256-${hash.replace(/[+/=]/g, "\\$&")}';`,
    ),
  );
  assert.equal(inlineScriptHashes(html).length, 1, "a user claim cannot add a script of its own");
  assert.equal(await admitted.text(), html, "the page is unchanged");
  assert.deepEqual(admitted.headers.getSetCookie(), ["__session=a; Path=/", "__txn_x=; Max-Age=0"]);
});

test("any answer that is not HTML goes through as it was", async () => {
  const redirect = new Response(null, { status: 307, headers: { Location: "/" } });
  assert.equal(await admitInlineScripts(redirect, policy), redirect);
});
