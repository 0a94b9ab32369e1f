/**
 * Paths of this app that several files name: the tutorial's pages, the components, the builds and
 * the tests all import them from here, so a path is changed in one place.
 */
export const paths = {
  /** The SDK's own token route, used when `NEXT_PUBLIC_ACCESS_TOKEN_ROUTE` is unset. */
  defaultTokenRoute: "/auth/access-token",
  /** The token route of the configuration chapter's second build (`config/builds.ts`). */
  customTokenRoute: "/api/custom-token",
  /** Where this app serves the demo Profile API (`NEXT_PUBLIC_PROFILE_API_URL` unset). */
  profileApi: "/api/profile",
  /** Where this app serves the demo Orders API (`NEXT_PUBLIC_ORDERS_API_URL` unset). */
  ordersApi: "/api/orders",
  /** Where the MRRT playground asks for a refreshed token (`lib/proxy/playground-ask.ts`). */
  playgroundAsk: "/mrrt-playground/ask",
  /** Where this app serves the demo Payments API, which takes DPoP-bound tokens only. */
  paymentsApi: "/api/payments",
  /** Where the DPoP chapter asks the server to call the Payments API (`lib/proxy/dpop-call.ts`). */
  dpopCall: "/dpop-bound-tokens/call",
  /**
   * The second, DPoP-enabled client's routes (`lib/auth0-dpop.ts`): its own sign-in, callback,
   * sign-out and token route, beside the first client's `/auth/*`.
   */
  dpopRoutes: {
    login: "/auth/dpop/login",
    callback: "/auth/dpop/callback",
    logout: "/auth/dpop/logout",
    accessToken: "/auth/dpop/access-token",
  },
} as const;

/**
 * The callback routes the app's two clients send as `redirect_uri` (the first client's is the
 * SDK's default): each must be registered for every app base URL, on Auth0
 * (`npm run auth0:setup`) as on the local server.
 */
export const callbackPaths = ["/auth/callback", paths.dpopRoutes.callback] as const;
