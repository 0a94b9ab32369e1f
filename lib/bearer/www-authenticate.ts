/** The attributes RFC 6750 §3 defines for a Bearer challenge, in the order they are written. */
export type ChallengeParams = {
  error?: "invalid_request" | "invalid_token" | "insufficient_scope";
  error_description?: string;
  scope?: string;
};

// RFC 6750 allows only printable ASCII without `"` and `\` inside these quoted values (its
// NQSCHAR rule), so an audience or claim value copied into a description cannot break the header.
const NOT_NQSCHAR = /[^\x20\x21\x23-\x5b\x5d-\x7e]/g;

function quoted(value: string): string {
  return `"${value.replaceAll('"', "'").replace(NOT_NQSCHAR, "?")}"`;
}

/**
 * Builds the `WWW-Authenticate` value of a Bearer challenge (RFC 6750 §3).
 *
 * @example
 * bearerChallenge("Orders API", { error: "insufficient_scope", scope: "read:orders" });
 * // 'Bearer realm="Orders API", error="insufficient_scope", scope="read:orders"'
 */
export function bearerChallenge(realm: string, params: ChallengeParams = {}): string {
  const attributes = [`realm=${quoted(realm)}`];
  for (const name of ["error", "error_description", "scope"] as const) {
    const value = params[name];
    if (value !== undefined) attributes.push(`${name}=${quoted(value)}`);
  }
  return `Bearer ${attributes.join(", ")}`;
}
