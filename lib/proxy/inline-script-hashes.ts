import "server-only";
import { createHash } from "node:crypto";

/**
 * The SDK answers the sign-in callback of a popup (`mfa.challengeWithPopup`) with a small HTML
 * page whose inline script tells the opener that the popup is done. That script carries no
 * nonce (the SDK's `cspNonce` option is one fixed value, and this app's policy takes a new nonce
 * per response), so the policy would block it and the opener would wait until its timeout.
 * Instead of weakening the policy, the page's own inline scripts are allowed by their hash: the
 * policy then admits exactly the scripts the SDK wrote into this one answer.
 */

const INLINE_SCRIPT = /<script(?:\s[^>]*)?>([\s\S]*?)<\/script>/gi;

/**
 * CSP hash sources (`'sha256-…'`) of the inline scripts of an HTML page.
 *
 * @example
 * inlineScriptHashes("<p>Done</p><script>window.close()</script>"); // ["'sha256-…'"]
 */
export function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(INLINE_SCRIPT)].map(
    ([, body = ""]) => `'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`,
  );
}

/**
 * The SDK's answer with `policy` extended to admit its inline scripts by hash, when it is an HTML
 * page (the popup's callback page); any other answer as it was.
 *
 * @example
 * const response = await admitInlineScripts(await auth0().middleware(request), csp);
 */
export async function admitInlineScripts(response: Response, policy: string): Promise<Response> {
  if (!response.headers.get("content-type")?.startsWith("text/html")) return response;
  const html = await response.text();
  const hashes = inlineScriptHashes(html);
  const headers = new Headers(response.headers);
  headers.set(
    "Content-Security-Policy",
    policy.replace(
      /script-src ([^;]*)/,
      (_, sources: string) => `script-src ${sources} ${hashes.join(" ")}`,
    ),
  );
  return new Response(html, { status: response.status, statusText: response.statusText, headers });
}
