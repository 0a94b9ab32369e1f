import { apis } from "@/config/apis";

/**
 * Token route queries that each put one more token in the session (sign-in holds the first): a
 * new audience, or a new scope for an audience already held. The Redis session spec shows the
 * cookie stays one size through them; the benchmark measures both session modes with them.
 *
 * @example
 * for (const ask of tokenAsks) await request.get("/auth/access-token", { params: ask });
 */
export const tokenAsks: readonly Readonly<Record<string, string>>[] = [
  {},
  { audience: apis.orders.audience },
  { audience: apis.reports.audience },
  { scope: "openid read:profile write:profile" },
  { audience: apis.orders.audience, scope: "openid read:orders write:orders" },
  { audience: apis.orders.audience, scope: "openid profile read:orders" },
];
