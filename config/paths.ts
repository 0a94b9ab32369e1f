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
} as const;
