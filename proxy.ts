import { NextResponse, type NextRequest } from "next/server";
import { auth0 } from "@/lib/auth0";
import { backchannelLogoutRefusal } from "@/lib/proxy/backchannel-logout";
import { dpopCall } from "@/lib/proxy/dpop-call";
import { dpopRoute, isDpopRoute } from "@/lib/proxy/dpop-routes";
import { admitInlineScripts } from "@/lib/proxy/inline-script-hashes";
import { issuerReachable } from "@/lib/proxy/issuer-reachable";
import { mfaVerifyRefusal } from "@/lib/proxy/mfa-token-binding";
import { playgroundAsk } from "@/lib/proxy/playground-ask";
import { preRefresh } from "@/lib/proxy/pre-refresh";
import { paths } from "@/config/paths";
import { publicEnv } from "@/lib/env/public-env";
import { serverEnv } from "@/lib/env/server-env";
import { isPrefetch } from "@/lib/proxy/prefetch";
import {
  isUnusedSdkRoute,
  MFA_VERIFY_ROUTE,
  mfaRouteRefusal,
  mfaRoutes,
  sdkPath,
  unusedSdkRouteResponse,
  usedSdkRoutes,
  type UsedSdkRoutes,
} from "@/lib/proxy/sdk-routes";
import { forgetRotations, withRefreshGuard } from "@/lib/refresh-guard/refresh-guard";
import { ROLL_HEADER } from "@/lib/proxy/roll-header";
import { shouldRoll } from "@/lib/proxy/session-rolling";
import { contentSecurityPolicy, newNonce, securityHeaders } from "@/lib/proxy/security-headers";
import { unreadableSdkCookies } from "@/lib/proxy/session-cookie-guard";
import { sessionFailureResponse } from "@/lib/sessions/session-failure";
import { signInErrorPath } from "@/lib/proxy/sign-in-errors";
import { tokenRoute } from "@/lib/proxy/token-route";

const TOKEN_ROUTE = publicEnv.accessTokenRoute;

/** Pages whose Server Components read the access token (see app/(demos)/server-side). */
const PAGES_READING_TOKENS = new Set(["/server-side"]);

let sdkRoutes: UsedSdkRoutes | undefined;
/** Read on first use: `next build` loads this module without the runtime environment. */
const usedRoutes = () =>
  (sdkRoutes ??= usedSdkRoutes({
    tokenRoute: TOKEN_ROUTE,
    backChannelLogout: serverEnv().redisUrl !== undefined,
  }));

/**
 * Every request the matcher lets in, in order:
 * 1. cookies that cannot be the SDK's are dropped, so a forged one reads as "signed out";
 * 2. the token route's guard refuses what the app itself never sends, and the SDK's routes that the
 *    app does not use answer 404 (`lib/proxy/sdk-routes.ts`); the MRRT playground's ask refreshes
 *    on demand under the same rules (`lib/proxy/playground-ask.ts`); the DPoP client's routes
 *    (`/auth/dpop/*`) and its server-side call go to that client behind its own refresh guard
 *    (`lib/proxy/dpop-routes.ts`, `lib/proxy/dpop-call.ts`);
 * 3. the SDK serves its other routes (the token route included) and rolls the session on pages
 *    when that is due (`lib/proxy/session-rolling.ts`), behind the refresh guard
 *    (`lib/refresh-guard/`), which every refresh goes through;
 * 4. pages get a fresh CSP nonce, every answer the security headers, the token route `no-store`.
 */
export async function proxy(request: NextRequest) {
  const unreadable = unreadableSdkCookies(request.cookies.getAll());
  // Rewrites the request's Cookie header: the SDK and the page below never see them.
  if (unreadable.length > 0) request.cookies.delete(unreadable);
  // Only this proxy decides whether the SDK rolls the session.
  request.headers.delete(ROLL_HEADER);

  // The SDK ignores a trailing slash when it matches its routes: so does the guard.
  const path = request.nextUrl.pathname.replace(/(.)\/+$/, "$1");
  const isTokenRoute = path === TOKEN_ROUTE;
  const isPlaygroundAsk = path === paths.playgroundAsk;
  const isDpopCall = path === paths.dpopCall;
  let response: Response;
  try {
    response = isTokenRoute
      ? await tokenRoute(request)
      : isPlaygroundAsk
        ? await playgroundAsk(request)
        : isDpopCall
          ? await dpopCall(request)
          : isUnusedSdkRoute(request.method, request.nextUrl.pathname, usedRoutes())
            ? unusedSdkRouteResponse()
            : isDpopRoute(request.nextUrl.pathname)
              ? await dpopRoute(request)
              : await pageOrAuthRoute(request);
  } catch (error) {
    // Redis sessions only: the store is down or the session's refresh lock is held too long.
    const failure = sessionFailureResponse(error, {
      json: isTokenRoute || isPlaygroundAsk || isDpopCall,
    });
    if (!failure) throw error;
    response = failure;
  }

  for (const name of unreadable) response.headers.append("Set-Cookie", expired(name));
  // The MFA answers carry a new authenticator's secret, or set the session: never stored.
  if (mfaRoutes.has(sdkPath(request.nextUrl.pathname))) {
    response.headers.set("Cache-Control", "no-store");
  }
  const https = request.nextUrl.protocol === "https:";
  for (const [name, value] of securityHeaders({ https })) response.headers.set(name, value);
  return response;
}

async function pageOrAuthRoute(request: NextRequest): Promise<Response> {
  const refusal =
    (await backchannelLogoutRefusal(request)) ??
    mfaRouteRefusal(request, new URL(serverEnv().appBaseUrl).origin) ??
    (await mfaVerifyRefusal(request));
  if (refusal) return refusal;
  const csp = contentSecurityPolicy({
    nonce: newNonce(),
    development: process.env.NODE_ENV === "development",
  });
  // Next.js reads the policy from the request to put the nonce on the scripts it renders.
  request.headers.set("Content-Security-Policy", csp);

  if (sdkPath(request.nextUrl.pathname) === "/auth/login" && !(await issuerReachable())) {
    // The SDK would answer with a plain-text 500 or, with the discovery document cached, send
    // the browser to a server that is down. A sign-in is rare enough to check first.
    const page = signInErrorPath("authorization_server_unreachable");
    return NextResponse.redirect(new URL(page, request.url));
  }
  // Signed out: no cookie from before the session's last rotation may lead back to it.
  if (sdkPath(request.nextUrl.pathname) === "/auth/logout") await forgetRotations(request);
  // A prefetch never refreshes: the new refresh token in its answer could be dropped unread.
  const readsTokens = PAGES_READING_TOKENS.has(request.nextUrl.pathname) && !isPrefetch(request);
  // MFA verification adds the stepped-up token to the session: that write must not land across
  // a refresh's, so it takes the session's refresh lock like a refresh.
  const writesTokens = readsTokens || sdkPath(request.nextUrl.pathname) === MFA_VERIFY_ROUTE;
  // A page (not one of the SDK's routes) rolls the session only when it is due. With Redis
  // sessions this reads the store: one that cannot answer makes this page a 503.
  const rolls = !usedRoutes().has(sdkPath(request.nextUrl.pathname)) && (await shouldRoll(request));
  if (rolls) request.headers.set(ROLL_HEADER, "1");
  // The refresh guard stands around the SDK on every page: one that still carries a spent
  // refresh token goes on with the session that replaced it, instead of rolling the old one back.
  const sdkResponse = await withRefreshGuard(
    request,
    async () => {
      const response = await auth0().middleware(request);
      // #region refresh-before-render
      // Refresh here, where the rotated refresh token can be saved in the response's cookie;
      // the Server Component then only reads a fresh token (or the reason there is none).
      if (readsTokens) await preRefresh(request, response);
      // #endregion
      return response;
    },
    // Inside the guard's lock with the SDK's rolling write: a write of the session read before
    // the refresh must not land after it.
    { mayRefresh: writesTokens },
  );
  request.headers.delete(ROLL_HEADER);
  if (sdkResponse.headers.get("x-middleware-next") === "1") {
    // The SDK let the request through to the page: hand the page the rewritten request headers
    // (the policy, and the Cookie header without dropped cookies). Next.js reads them from these
    // x-middleware-* headers; the SDK's own (Set-Cookie and its copy for the page) stay as they are.
    const passOn = NextResponse.next({ request: { headers: request.headers } });
    for (const [name, value] of passOn.headers) {
      if (name.startsWith("x-middleware-")) sdkResponse.headers.set(name, value);
    }
  }
  sdkResponse.headers.set("Content-Security-Policy", csp);
  // The popup sign-in's callback page (step-up MFA) runs the SDK's inline script: allowed by hash.
  if (sdkPath(request.nextUrl.pathname) === "/auth/callback") {
    return admitInlineScripts(sdkResponse, csp);
  }
  return sdkResponse;
}

function expired(name: string): string {
  return `${name}=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax`;
}

export const config = {
  // Static files and the bearer-only demo APIs never need the session: leaving them out keeps
  // them fast (no cookie decryption and re-encryption per request) and proves the APIs do not
  // rely on it.
  //
  // Next.js's router prefetches stay out too: Next.js strips their header before the proxy runs,
  // so it could not tell them from a navigation, and each would roll the session cookie (one
  // sent before a sign-out could answer after it and put the deleted cookie back). Their pages
  // read the session without throwing (`lib/sessions/current-session.ts`) and never refresh.
  // The browser's own prefetches (`Purpose`, `Sec-Purpose`) do reach the proxy, which gives them
  // the cookie guard and the headers but lets them neither roll nor refresh.
  matcher: [
    {
      source:
        "/((?!_next/static|_next/image|favicon.ico|robots.txt|api/health|api/profile|api/orders|api/payments).*)",
      missing: [{ type: "header", key: "next-router-prefetch" }],
    },
  ],
};
