import fc from "fast-check";
import { apis, oidcScopes } from "@/config/apis";
import { flipCiphertextBit } from "./forge";
import { jweLike } from "./jwe-like";
import type { SessionJar } from "./session-jar";
import { mostly } from "./surface-property";

/**
 * Generated requests for the token route over HTTP, as data (so a shrunk counterexample reads
 * as one): any method, query, fetch metadata and session cookie, the real one included.
 */

/** The session cookie a request carries: the signed-in one, none, or one made from it or not. */
export type CookieCase =
  | { kind: "signed in" }
  | { kind: "none" }
  | { kind: "signed in, truncated"; keep: number }
  | { kind: "signed in, one bit flipped" }
  | { kind: "forged JWE header"; value: string }
  | { kind: "garbage"; value: string };

export type TokenRouteRequest = {
  method: string;
  query: [string, string][];
  site: string | undefined;
  origin: string | undefined;
  cookie: CookieCase;
};

const knownApis = Object.values(apis);
const scopeNames = [...oidcScopes, ...knownApis.flatMap((api) => api.scopes), "admin:all"];

/** A query the app's own pages could send: an audience or none, a scope of its API or none. */
const pageQuery = fc
  .tuple(fc.option(fc.constantFrom(...knownApis)), fc.boolean())
  .chain(([api, withScope]) => {
    const allowed = [...oidcScopes, ...(api ?? apis.profile).scopes];
    const scope = withScope
      ? fc.shuffledSubarray(allowed, { minLength: 1 }).map((names) => [["scope", names.join(" ")]])
      : fc.constant([]);
    const audience: [string, string][] = api ? [["audience", api.audience]] : [];
    return scope.map((pairs) => [...audience, ...(pairs as [string, string][])]);
  });

/** Any value: known and unknown, empty, huge, non-ASCII, with CR/LF, several scope names. */
const anyValue = fc.oneof(
  fc.constantFrom(...knownApis.map((api) => api.audience), "", " ", "https://evil.example.com"),
  fc.constantFrom("ｈttps://profile-api.example.com", "read:prοfile", "read:profile\r\nX: 1"),
  fc.integer({ min: 500, max: 3000 }).map((size) => `${apis.profile.audience}/${"a".repeat(size)}`),
  fc.array(fc.constantFrom(...scopeNames, "", "\t"), { maxLength: 5 }).map((n) => n.join(" ")),
  fc.string({ maxLength: 40, unit: "grapheme" }),
);

const anyQuery = fc.array(
  fc.tuple(fc.constantFrom("audience", "scope", "mergeScopes", "Audience", "", "x"), anyValue),
  { maxLength: 4 },
);

const cookies = mostly<CookieCase>(
  fc.constant({ kind: "signed in" as const }),
  fc.oneof(
    fc.constant({ kind: "none" as const }),
    fc.double({ min: 0, max: 0.99, noNaN: true }).map((keep) => ({
      kind: "signed in, truncated" as const,
      keep,
    })),
    fc.constant({ kind: "signed in, one bit flipped" as const }),
    jweLike.map((value) => ({ kind: "forged JWE header" as const, value })),
    fc
      .string({ maxLength: 3000, unit: fc.constantFrom(..."ABCxyz0189-_.") })
      .map((value) => ({ kind: "garbage" as const, value })),
  ),
);

/** The generated token route requests. */
export const tokenRouteRequests: fc.Arbitrary<TokenRouteRequest> = fc.record({
  method: mostly(fc.constant("GET"), fc.constantFrom("POST", "PUT", "DELETE", "HEAD", "OPTIONS")),
  query: mostly(pageQuery, anyQuery),
  site: mostly(
    fc.constantFrom(undefined, "same-origin"),
    fc.constantFrom("none", "same-site", "cross-site"),
  ),
  origin: mostly(fc.constant(undefined), fc.constantFrom("https://evil.example.com", "null", "x")),
  cookie: cookies,
});

/**
 * The `Cookie` header of a case, from the client's current session.
 *
 * @example
 * headers.set("cookie", cookieHeader({ kind: "signed in" }, jar));
 */
export function cookieHeader(cookie: CookieCase, jar: SessionJar): string {
  switch (cookie.kind) {
    case "signed in":
      return jar.header();
    case "none":
      return "";
    case "signed in, truncated":
      return `__session=${jar.value().slice(0, Math.floor(jar.value().length * cookie.keep))}`;
    case "signed in, one bit flipped":
      return `__session=${flipCiphertextBit(jar.value())}`;
    case "forged JWE header":
    case "garbage":
      return `__session=${cookie.value}`;
  }
}
