/**
 * Whether a request is a prefetch rather than a navigation: Next.js's router (`Next-Router-Prefetch`)
 * and the browser's speculative loads (`Purpose: prefetch`, `Sec-Purpose: prefetch`). Several run
 * at once and any may be dropped unread, so a prefetch must never write the session: it neither
 * rolls the cookie nor refreshes a token (the rotated refresh token in its `Set-Cookie` could be
 * lost with it).
 *
 * @example
 * isPrefetch(new Request("http://localhost/", { headers: { "next-router-prefetch": "1" } })); // true
 */
export function isPrefetch(request: Request): boolean {
  const { headers } = request;
  const routerPrefetch = headers.get("next-router-prefetch");
  const secPurpose = headers.get("sec-purpose") ?? "";
  // Next.js strips Next-Router-Prefetch before the proxy runs; the matcher keeps those out.
  return (
    (routerPrefetch !== null && routerPrefetch !== "" && routerPrefetch !== "0") ||
    headers.get("purpose")?.toLowerCase() === "prefetch" ||
    secPurpose.toLowerCase().includes("prefetch") ||
    headers.get("x-middleware-prefetch") === "1"
  );
}
