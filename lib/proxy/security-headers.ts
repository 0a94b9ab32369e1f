/**
 * The security headers of every page. Tokens live in page memory, and a same-origin route hands
 * out tokens for every API in the policy: script injection is the threat that matters most, and
 * the Content-Security-Policy is the defence in depth against it.
 */

export type CspOptions = {
  /** A fresh random value per request; Next.js puts it on the scripts it renders. */
  nonce: string;
  /** `next dev` evaluates code for Fast Refresh: it needs `'unsafe-eval'`. */
  development: boolean;
  /** Origins the browser code may call besides this one (demo APIs served elsewhere). */
  connectOrigins?: readonly string[];
};

/**
 * A strict, nonce-based Content-Security-Policy: scripts only with this request's nonce (and what
 * they load, `'strict-dynamic'`); no plugins; no `<base>`; never framed; forms post only here.
 * Styles allow `'unsafe-inline'`: injected CSS cannot run code, and Next.js inserts styles itself.
 *
 * @example
 * contentSecurityPolicy({ nonce: "abc", development: false });
 * // "default-src 'self'; script-src 'self' 'nonce-abc' 'strict-dynamic'; …"
 */
export function contentSecurityPolicy({
  nonce,
  development,
  connectOrigins = [],
}: CspOptions): string {
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    [
      "script-src",
      "'self'",
      `'nonce-${nonce}'`,
      "'strict-dynamic'",
      ...(development ? ["'unsafe-eval'"] : []),
    ],
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", "blob:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'", ...connectOrigins],
    ["object-src", "'none'"],
    ["base-uri", "'none'"],
    ["frame-ancestors", "'none'"],
    ["form-action", "'self'"],
  ];
  return directives.map((directive) => directive.join(" ")).join("; ");
}

/**
 * A nonce for one response: 16 random bytes, base64 (what CSP's nonce-source expects).
 *
 * @example
 * const nonce = newNonce(); // "3q2+7w…=="
 */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

/**
 * The headers every response carries, pages and APIs alike. HSTS only when the app is served
 * over https: on `http://localhost` it would be ignored at best, and pin a developer's localhost
 * to https at worst.
 *
 * @example
 * for (const [name, value] of securityHeaders({ https: true })) response.headers.set(name, value);
 */
export function securityHeaders({ https }: { https: boolean }): [string, string][] {
  return [
    ["X-Content-Type-Options", "nosniff"],
    ["Referrer-Policy", "strict-origin-when-cross-origin"],
    ["X-Frame-Options", "DENY"],
    ["Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"],
    ...(https
      ? [["Strict-Transport-Security", "max-age=63072000; includeSubDomains"] as [string, string]]
      : []),
  ];
}
