/**
 * The headers of every answer the demo APIs give: data, refusals and CORS preflights alike.
 * `proxy.ts` does not match the APIs (they never need the session), so its security headers never
 * reach them: they are set here, from the same list the pages get.
 */
import "server-only";
import { securityHeaders } from "@/lib/proxy/security-headers";

/** JSON loads nothing and is never framed: a policy that allows nothing at all. */
const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/**
 * Sets the security headers (the pages' `nosniff`, `Referrer-Policy`, `X-Frame-Options`,
 * `Permissions-Policy`, HSTS over https, and a Content-Security-Policy for JSON), `no-store` (every
 * answer is per user) and CORS for the app's own origin on `headers`.
 *
 * @example
 * setApiHeaders(response.headers, request, "https://app.example.com");
 */
export function setApiHeaders(headers: Headers, request: Request, appOrigin: string): void {
  const https = new URL(request.url).protocol === "https:";
  for (const [name, value] of securityHeaders({ https })) headers.set(name, value);
  headers.set("Content-Security-Policy", API_CONTENT_SECURITY_POLICY);
  headers.set("Cache-Control", "no-store");
  allowOrigin(headers, request, appOrigin);
}

// CORS, so the APIs could live on another origin than the app. Only the app's own origin is
// allowed, and no credentials: the APIs take a bearer token and never read cookies.
function allowOrigin(headers: Headers, request: Request, appOrigin: string): void {
  // Caches must key on Origin, because the answer differs between allowed and other origins.
  headers.append("Vary", "Origin");
  if (request.headers.get("origin") === appOrigin) {
    headers.set("Access-Control-Allow-Origin", appOrigin);
  }
}
