import type { ApiError } from "./api-error";

/**
 * Checks that a token's space-delimited `scope` claim grants `needed`. Returns the
 * `insufficient_scope` error to answer with (403), or `null` when the scope is there.
 *
 * @example
 * requireScope("openid read:profile", "read:orders")?.code; // "insufficient_scope"
 * requireScope("openid read:orders", "read:orders"); // null
 */
export function requireScope(granted: string | null, needed: string): ApiError | null {
  const scopes = (granted ?? "").split(" ").filter(Boolean);
  if (scopes.includes(needed)) return null;
  return {
    code: "insufficient_scope",
    scope: needed,
    grantedScope: scopes.join(" "),
    description:
      `This request needs the scope ${needed}; the access token grants ` +
      (scopes.length > 0 ? `only "${scopes.join(" ")}".` : "no scopes at all."),
  };
}
