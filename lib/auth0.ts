import "server-only";
import { Auth0Client } from "@auth0/nextjs-auth0/server";
import type { OnCallbackHook } from "@auth0/nextjs-auth0/types";
import { NextResponse } from "next/server";
import { apis, scopesAskedFor } from "@/config/apis";
import { serverEnv, type ServerEnv } from "@/lib/env/server-env";
import { publicEnv } from "@/lib/env/public-env";
import { ROLL_HEADER } from "@/lib/proxy/roll-header";
import { redisSessions } from "@/lib/sessions/redis-sessions";
import { signInErrorFor, signInErrorPath } from "@/lib/proxy/sign-in-errors";

let client: Auth0Client | undefined;

/**
 * The one `Auth0Client` of the app: it serves `/auth/*` (through `proxy.ts`) and reads sessions
 * in Server Components and route handlers. Created on first use, not when this module loads:
 * `next build` loads it without the runtime environment that `serverEnv()` reads.
 *
 * Scopes are a map keyed by audience, not a plain string: a plain string would be merged into the
 * request for every API (`read:profile` sent to the Orders API).
 *
 * @example
 * const session = await auth0().getSession();
 * if (session) console.log(session.user.name);
 */
export function auth0(): Auth0Client {
  client ??= createClient();
  return client;
}

/**
 * Where the browser goes after the callback. The SDK's own answer to a failed callback is a
 * plain-text 500 with its message, which may carry the authorization server's
 * `error_description` (anyone can put one in a callback link): send the user to the app's error
 * page instead, with codes only.
 */
export const onCallback: OnCallbackHook = async (error, ctx) => {
  const base = ctx.appBaseUrl ?? serverEnv().appBaseUrl;
  if (error) {
    const { reason, code } = signInErrorFor(error);
    return NextResponse.redirect(new URL(signInErrorPath(reason, code), base));
  }
  // Only a path of this app: the SDK checked returnTo at sign-in; this keeps it that way.
  const returnTo = ctx.returnTo && /^\/(?![/\\])/.test(ctx.returnTo) ? ctx.returnTo : "/";
  return NextResponse.redirect(new URL(returnTo, base));
};

/**
 * What both clients of the app share (this one and the DPoP one, `lib/auth0-dpop.ts`): the
 * tenant, the application, the cookie secret and the sign-in error page.
 *
 * @example
 * new Auth0Client({ ...sharedClientOptions(serverEnv()), useDPoP: true });
 */
export function sharedClientOptions(env: ServerEnv) {
  return {
    domain: env.domain,
    clientId: env.clientId,
    clientSecret: env.clientSecret,
    secret: env.secret,
    appBaseUrl: env.appBaseUrl,
    // The local authorization server speaks plain http on localhost; a real tenant never does.
    allowInsecureRequests: env.mode === "local",
    // The ID token stays out of the sign-out redirect (browser history, the issuer's logs):
    // client_id and logout_hint identify the session well enough.
    includeIdTokenHintInOIDCLogoutUrl: false,
    onCallback,
  };
}

function createClient(): Auth0Client {
  const env = serverEnv();
  return new Auth0Client({
    ...sharedClientOptions(env),
    // The SDK would read NEXT_PUBLIC_ACCESS_TOKEN_ROUTE itself; passing the checked value keeps
    // one default and one validation for both sides (the browser's getAccessToken asks there).
    routes: { accessToken: publicEnv.accessTokenRoute },
    // A page view rolls the session (a new expiry, the cookie sent again) only when proxy.ts says
    // so: when that moves the expiry by a minute or more, never for a prefetch
    // (lib/proxy/session-rolling.ts).
    session: {
      ...env.session,
      beforeSessionRolled: (request) => request.headers.get(ROLL_HEADER) === "1",
    },
    // With REDIS_URL, sessions live in Redis and the cookie holds only their id (lib/sessions/).
    sessionStore: env.redisUrl ? redisSessions(env.redisUrl).store : undefined,
    authorizationParameters: {
      audience: apis.profile.audience,
      scope: { ...scopesAskedFor },
    },
  });
}
