import { apis } from "@/config/apis";

/**
 * Where the browser finds the demo APIs. They are served by this app by default; point
 * `NEXT_PUBLIC_PROFILE_API_URL` / `NEXT_PUBLIC_ORDERS_API_URL` at your own APIs to use those
 * (read at build time, like every `NEXT_PUBLIC_` variable). Other origins need CORS for this app.
 */
export const endpoints = {
  profile: {
    ...apis.profile,
    baseUrl: process.env.NEXT_PUBLIC_PROFILE_API_URL || "/api/profile",
  },
  orders: {
    ...apis.orders,
    baseUrl: process.env.NEXT_PUBLIC_ORDERS_API_URL || "/api/orders",
  },
} as const;

export type DemoApiId = keyof typeof endpoints;
