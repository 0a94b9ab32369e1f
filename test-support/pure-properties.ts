import path from "node:path";
import fc from "fast-check";
import { NextRequest } from "next/server";
import { apis, oidcScopes } from "@/config/apis";
import { unreadableSdkCookies } from "@/lib/proxy/session-cookie-guard";
import { checkTokenRequest } from "@/lib/proxy/token-request-check";
import { isShowable } from "@/lib/tutorial/source-snippet";
import { jweLike } from "@/test-support/jwe-like";
import { sdkServerModule } from "@/test-support/sdk-internals";
import { surfaceOf } from "@/test-support/surface-property";

/**
 * Generated inputs for the surfaces an attacker reaches that are pure functions: the session
 * cookie guard, the token route's request check and the source viewer's path check. Each is a
 * named property (`surface-property.ts`), so `npm test` runs a few hundred cases of each
 * (`pure-properties.test.ts`) and `npm run fuzz` ten thousand (`scripts/fuzz.ts`).
 */

type Cookie = { name: string; value: string };

const cookieValue = fc.oneof(jweLike, fc.string({ maxLength: 40 }), fc.constant(""));

const cookieName = fc.constantFrom(
  "__session",
  "__session__0",
  "__session__1",
  "__session__2",
  "__session__10",
  "appSession",
  "appSession.0",
  "appSession.1",
  "__FC_0",
  "theme",
);

/** Cookies with distinct names, each a JWE-shaped value, some split over chunks. */
const cookieSets = fc.uniqueArray(fc.record({ name: cookieName, value: cookieValue }), {
  selector: (cookie) => cookie.name,
  maxLength: 6,
});

type SdkCookies = {
  decrypt(value: string, secret: string): Promise<unknown>;
  getChunkedCookie(name: string, cookies: unknown, legacy?: boolean): string | undefined;
};
const isSdkCookies = (loaded: unknown): loaded is SdkCookies =>
  typeof loaded === "object" &&
  loaded !== null &&
  "decrypt" in loaded &&
  "getChunkedCookie" in loaded;

const SECRET = "88c9b7e08bca725a528a2e6c640941bbbf75e31a0c9925f0cca8d31867c44b14";

/**
 * The session cookie guard: once the cookies it names are dropped, every value the SDK decrypts
 * (the session or its chunks, the legacy session, connection tokens) decrypts or reads as absent:
 * the SDK never throws, so no forged cookie makes a 500. It names only cookies that were sent.
 */
export const cookieGuardProperty = surfaceOf(
  "session cookie guard",
  fc.asyncProperty(cookieSets, async (cookies: Cookie[]) => {
    const sdk = await sdkServerModule("cookies.js", isSdkCookies);
    // As proxy.ts does: the guard judges the cookies as Next.js parsed them, then drops its picks.
    const header = cookies.map(({ name, value }) => `${name}=${value}`).join("; ");
    const request = new NextRequest("http://localhost:3000/", { headers: { cookie: header } });
    const parsed = request.cookies.getAll();
    const dropped = unreadableSdkCookies(parsed);
    const sent = new Set(parsed.map((cookie) => cookie.name));
    if (dropped.some((name) => !sent.has(name))) return false;
    if (dropped.length > 0) request.cookies.delete(dropped);
    // The SDK may read a copy of the request, parsed again from the rewritten Cookie header.
    const { cookies: seen } = new NextRequest(request.url, { headers: request.headers });
    const reads = [
      sdk.getChunkedCookie("__session", seen) ?? sdk.getChunkedCookie("appSession", seen, true),
      ...seen
        .getAll()
        .filter((cookie) => cookie.name.startsWith("__FC"))
        .map((cookie) => cookie.value),
    ];
    for (const value of reads) if (value) await sdk.decrypt(value, SECRET);
    return true;
  }),
);

const audiences = Object.values(apis).map((api) => api.audience);
const scopeNames = [
  ...new Set([...oidcScopes, ...Object.values(apis).flatMap((api) => api.scopes)]),
];
const refusalCodes = new Set([
  "method_not_allowed",
  "cross_site_request",
  "invalid_audience",
  "invalid_scope",
  "invalid_request",
]);

/** A token request as anyone could send it: any method, query and fetch metadata. */
const tokenRequests = fc.record({
  method: fc.constantFrom("GET", "POST", "HEAD", "PUT", "OPTIONS", "get"),
  query: fc.array(
    fc.tuple(
      fc.constantFrom("audience", "scope", "mergeScopes", "Audience", "", "audience[]"),
      fc.oneof(
        fc.constantFrom(...audiences, "", " ", "https://evil.example.com"),
        fc
          .array(fc.constantFrom(...scopeNames, "write:everything", "", "\t"), { maxLength: 4 })
          .map((names) => names.join(" ")),
        fc.string({ maxLength: 600, unit: "binary" }),
      ),
    ),
    { maxLength: 4 },
  ),
  site: fc.constantFrom(undefined, "same-origin", "same-site", "cross-site", "none"),
  origin: fc.constantFrom(undefined, "http://localhost:3000", "https://evil.example.com", "null"),
});

/**
 * The token route's request check: never throws, refuses with a documented status and code, and
 * lets through only what the app's own pages send (GET, at most one known audience and one scope
 * of that API's, nothing else, not from another site).
 */
export const tokenRequestProperty = surfaceOf(
  "token route request check",
  fc.asyncProperty(tokenRequests, async ({ method, query, site, origin }) => {
    const search = new URLSearchParams(query);
    const headers: Record<string, string> = {};
    if (site) headers["sec-fetch-site"] = site;
    if (origin) headers.origin = origin;
    const url = `http://localhost:3000/auth/access-token?${search.toString()}`;
    const request = new Request(url, { method: method === "get" ? "GET" : method, headers });
    const refusal = checkTokenRequest(request, "http://localhost:3000");
    if (refusal !== null) {
      return [400, 403, 405].includes(refusal.status) && refusalCodes.has(refusal.code);
    }
    const names = [...search.keys()];
    const audience = search.get("audience");
    const scope = search.get("scope");
    const api = Object.values(apis).find((a) => a.audience === (audience ?? apis.profile.audience));
    return (
      request.method === "GET" &&
      (site === undefined || site === "same-origin" || site === "none") &&
      names.every((name) => name === "audience" || name === "scope") &&
      search.getAll("audience").length <= 1 &&
      search.getAll("scope").length <= 1 &&
      api !== undefined &&
      (scope === null ||
        scope.split(" ").every((name) => new Set<string>([...oidcScopes, ...api.scopes]).has(name)))
    );
  }),
);

/** The folders (and the one file) the source viewer may show, as `source-snippet.ts` lists them. */
const SHOWN = ["app", "components", "lib", "config", "local-issuer", "provisioning"];

/** A path as a visitor could put it in `/source/…`: segments that climb, hide or look alike. */
const sourcePaths = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        ...SHOWN,
        "proxy.ts",
        "..",
        ".",
        "",
        "%2e%2e",
        "\\..",
        "node_modules",
        ".env",
      ),
      fc.constantFrom("x.ts", "x.tsx", "x.css", "x.ts.bak", "proxy.ts.d", ".env.local.ts"),
      fc.string({ maxLength: 8 }),
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((segments) => segments.join("/"));

/**
 * The source viewer's path check: a path it accepts stays inside the project, inside one of the
 * showable folders (or is `proxy.ts` itself), and names a `.ts`, `.tsx` or `.css` file.
 */
export const sourcePathProperty = surfaceOf(
  "source viewer path check",
  fc.asyncProperty(sourcePaths, async (file: string) => {
    if (!isShowable(file)) return true;
    const root = "/project";
    const resolved = path.posix.resolve(root, file);
    const inside = path.posix.relative(root, resolved);
    const [top] = inside.split("/");
    return (
      resolved.startsWith(`${root}/`) &&
      (inside === "proxy.ts" || (SHOWN.includes(top ?? "") && inside.includes("/"))) &&
      /\.(ts|tsx|css)$/.test(inside)
    );
  }),
);

/** Every pure surface, in the order `npm run fuzz` reports them. */
export const pureSurfaces = [cookieGuardProperty, tokenRequestProperty, sourcePathProperty];
