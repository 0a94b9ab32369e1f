import { paths } from "@/config/paths";
import { isCrossSite } from "@/lib/proxy/token-request-check";

/**
 * The SDK's routes that this app uses, and a 404 for every other one. `auth0().middleware()`
 * serves far more than sign-in and the token route: its My Account and My Organization proxies
 * (`/me/*`, `/my-org/*`), which refresh a token for their own audience and write the session
 * outside the token route's guard and the refresh guard; passwordless, passkey, MFA and
 * connected-account endpoints; and back-channel logout, which needs a session store. A route the
 * app does not use is a door nobody watches: a page on another site could send the user's
 * browser through it, cookie included. So only the routes below reach the SDK.
 */

/** The paths that the SDK answers and this app uses, with the one method each takes. */
export type UsedSdkRoutes = ReadonlyMap<string, "GET" | "POST">;

/**
 * The SDK's MFA API proxy, which the step-up chapter's in-page flow uses (`mfa.getAuthenticators`,
 * `challenge`, `enroll`, `verify`). Same origin only (`proxy.ts`); `verify` writes the session,
 * so it runs behind the refresh guard like a refresh.
 */
export const mfaRoutes: ReadonlyMap<string, "GET" | "POST"> = new Map([
  ["/auth/mfa/authenticators", "GET"],
  ["/auth/mfa/challenge", "POST"],
  ["/auth/mfa/associate", "POST"],
  ["/auth/mfa/verify", "POST"],
]);

/**
 * The DPoP client's routes (`lib/auth0-dpop.ts`), each served by that client (`lib/proxy/dpop-routes.ts`);
 * every other path under `/auth/dpop/` is a 404 like any unused SDK route.
 */
export const dpopSdkRoutes: ReadonlyMap<string, "GET" | "POST"> = new Map(
  Object.values(paths.dpopRoutes).map((path) => [path, "GET"]),
);

/** The one MFA route that writes the session. */
export const MFA_VERIFY_ROUTE = "/auth/mfa/verify";

/**
 * The SDK routes the app uses: sign-in, its callback, sign-out, the profile, the token route, the
 * MFA API proxy, the DPoP client's four (`dpopSdkRoutes`), and back-channel logout when sessions
 * live in a store (in the cookie there is nothing to end).
 *
 * @example
 * usedSdkRoutes({ tokenRoute: "/auth/access-token", backChannelLogout: false });
 */
export function usedSdkRoutes({
  tokenRoute,
  backChannelLogout,
}: {
  tokenRoute: string;
  backChannelLogout: boolean;
}): UsedSdkRoutes {
  const routes = new Map<string, "GET" | "POST">([
    ["/auth/login", "GET"],
    ["/auth/callback", "GET"],
    ["/auth/logout", "GET"],
    ["/auth/profile", "GET"],
    [tokenRoute, "GET"],
    ...mfaRoutes,
    ...dpopSdkRoutes,
  ]);
  if (backChannelLogout) routes.set("/auth/backchannel-logout", "POST");
  return routes;
}

/** Where the SDK looks for its routes: everything under these prefixes is its own. */
const SDK_PREFIXES = ["/auth/", "/me/", "/my-org/"];

/**
 * A path as the SDK compares it to its routes: one trailing slash removed, nothing decoded, case
 * kept.
 *
 * @example
 * sdkPath("/auth/logout/"); // "/auth/logout"
 */
export function sdkPath(pathname: string): string {
  return pathname.endsWith("/") ? pathname.slice(0, -1) : pathname;
}

/**
 * Whether the SDK would answer this request and the app does not use that route, the path
 * compared as the SDK compares it (`sdkPath`).
 *
 * @example
 * isUnusedSdkRoute("GET", "/me/v1/authentication-methods", used); // true: answer 404
 * isUnusedSdkRoute("GET", "/auth/login", used); // false
 */
export function isUnusedSdkRoute(method: string, pathname: string, used: UsedSdkRoutes): boolean {
  const path = sdkPath(pathname);
  const usedMethod = used.get(path);
  if (usedMethod !== undefined) return usedMethod !== method;
  return SDK_PREFIXES.some((prefix) => path.startsWith(prefix));
}

/**
 * The answer to an unused SDK route: a plain 404 that never reached the SDK.
 *
 * @example
 * if (isUnusedSdkRoute(request.method, request.nextUrl.pathname, used)) return unusedSdkRouteResponse();
 */
export function unusedSdkRouteResponse(): Response {
  return new Response("Not found: this app does not serve that route.\n", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/**
 * The MFA routes answer this app's own pages only: the browser's `mfa.*` calls are same-origin
 * `fetch`es. Anything else (another site, a typed URL, a request with no browser headers that
 * names another origin) is refused before the SDK sees it, in the SDK's MFA error shape.
 *
 * @example
 * const refusal = mfaRouteRefusal(request, "http://localhost:3000");
 * if (refusal) return refusal;
 */
export function mfaRouteRefusal(request: Request, appOrigin: string): Response | null {
  if (!mfaRoutes.has(sdkPath(new URL(request.url).pathname))) return null;
  const typed = request.headers.get("sec-fetch-site") === "none";
  if (!typed && !isCrossSite(request, appOrigin)) return null;
  return Response.json(
    {
      error: "cross_site_request",
      error_description: "The MFA routes answer requests from this app's own pages only.",
    },
    { status: 403, headers: { "Cache-Control": "no-store" } },
  );
}
