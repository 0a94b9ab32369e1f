import { apis } from "@/config/apis";

/**
 * Token route queries that fill a session with tokens: sign-in's own, new audiences, new scopes
 * for an audience. The first four each add a token; the last two ask for scopes that the Orders
 * API token already holds (a refresh without `scope` gets every policy scope), so the SDK answers
 * with that token and adds none: the benchmark counts four tokens after all six. The Redis
 * session spec shows the cookie stays one size through them; the benchmark measures both modes.
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
