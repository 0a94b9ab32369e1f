import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { apis } from "@/config/apis";
import { paths } from "@/config/paths";
import { auth0Dpop } from "@/lib/auth0-dpop";
import { serverEnv } from "@/lib/env/server-env";
import { issuerReachable } from "@/lib/proxy/issuer-reachable";
import { withCookiesOf } from "@/lib/proxy/request-with-cookies";
import { sdkPath } from "@/lib/proxy/sdk-routes";
import { signInErrorPath } from "@/lib/proxy/sign-in-errors";
import { checkTokenRequest, tokenRequestRefusalResponse } from "@/lib/proxy/token-request-check";
import { forgetDpopRotations, withDpopRefreshGuard } from "@/lib/refresh-guard/dpop-refresh-guard";

const { login, callback, logout, accessToken } = paths.dpopRoutes;

/**
 * Whether `pathname` is one of the DPoP client's routes (`/auth/dpop/*`, `paths.dpopRoutes`).
 *
 * @example
 * isDpopRoute("/auth/dpop/access-token"); // true
 */
export function isDpopRoute(pathname: string): boolean {
  return (Object.values(paths.dpopRoutes) as string[]).includes(sdkPath(pathname));
}

/**
 * Serves the DPoP client's routes with the guards the first client's have: sign-in only while
 * the authorization server answers, sign-out forgets the session's rotations, and the token route
 * answers this app's pages only, for the Payments API only, behind the DPoP refresh guard
 * (`lib/refresh-guard/dpop-refresh-guard.ts`). The proxy adds the security headers to each.
 *
 * @example
 * if (isDpopRoute(request.nextUrl.pathname)) return dpopRoute(request);
 */
export async function dpopRoute(request: NextRequest): Promise<Response> {
  const path = sdkPath(request.nextUrl.pathname);
  const client = await auth0Dpop();
  if (path === accessToken) {
    const refusal =
      checkTokenRequest(request, new URL(serverEnv().appBaseUrl).origin) ?? otherApi(request);
    const response = refusal
      ? tokenRequestRefusalResponse(refusal)
      : await withDpopRefreshGuard(request, () => client.middleware(request), {
          mayRefresh: true,
        });
    response.headers.set("Cache-Control", "no-store");
    return response;
  }
  if (path === login) {
    // The SDK forwards every query parameter to /authorize: another `audience` or `scope` would
    // get this client bound tokens for other APIs. It signs in for the Payments API only.
    const others = [...request.nextUrl.searchParams.keys()].filter((name) => name !== "returnTo");
    if (others.length > 0) {
      const message = `The DPoP sign-in takes only returnTo (not ${others.join(", ")}): it always asks for ${apis.payments.audience}.\n`;
      return new Response(message, {
        status: 400,
        headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
      });
    }
  }
  if (path === login && !(await issuerReachable())) {
    const page = signInErrorPath("authorization_server_unreachable");
    return NextResponse.redirect(new URL(page, request.url));
  }
  if (path === logout) await forgetDpopRotations(request);
  // Sign-in, its callback, sign-out: a request that carries a spent refresh token is swapped for
  // the session that replaced it, as on the first client's routes.
  const response = await withDpopRefreshGuard(request, () => client.middleware(request), {
    mayRefresh: false,
  });
  if (path === callback) await typedToken(request, response);
  return response;
}

/**
 * The SDK saves the sign-in's token without its `token_type` (`buildSessionFromCallback` in
 * `dist/utils/session-helpers.js`), and the fetcher sends a token without one as Bearer
 * (`dist/server/fetcher.js`): the Payments API would refuse it. One refresh right after sign-in
 * stores a token with `token_type: "dpop"`. The session is new: nothing else can refresh it yet.
 */
async function typedToken(request: NextRequest, response: NextResponse): Promise<void> {
  const signedIn = withCookiesOf(request, response);
  if (signedIn === request) return;
  const client = await auth0Dpop();
  await client.getAccessToken(signedIn, response, { refresh: true }).catch(() => undefined);
}

/** The DPoP client gets tokens for the Payments API only: any other audience is refused. */
function otherApi(request: NextRequest) {
  const audience = request.nextUrl.searchParams.get("audience");
  if (audience === null || audience === apis.payments.audience) return null;
  return {
    status: 400,
    code: "invalid_audience",
    message: `The DPoP token route answers for ${apis.payments.audience} only.`,
  } as const;
}
