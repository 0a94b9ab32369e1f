import { apis } from "@/config/apis";
import { publicEnv } from "@/lib/env/public-env";

/**
 * Where the browser finds the demo APIs. They are served by this app by default; point
 * `NEXT_PUBLIC_PROFILE_API_URL` / `NEXT_PUBLIC_ORDERS_API_URL` at your own APIs to use those
 * (read at build time and checked in `lib/env/public-env.ts`). Other origins need CORS for this app.
 */
export const endpoints = {
  profile: { ...apis.profile, baseUrl: publicEnv.profileApiUrl },
  orders: { ...apis.orders, baseUrl: publicEnv.ordersApiUrl },
} as const;

export type DemoApiId = keyof typeof endpoints;
