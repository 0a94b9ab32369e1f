import fc from "fast-check";
import { apis, oidcScopes } from "@/config/apis";
import { mostly } from "./surface-property";

/**
 * Generated refresh_token grants for the local issuer's token endpoint, as data (so a shrunk
 * counterexample reads as one); `refresh-grant-wire.ts` turns each into its HTTP request.
 */

/**
 * How the client authenticates. Its secret in the body (`client_secret_post`, as registered and
 * as the SDK sends it) or in a Basic header (oidc-provider takes either for a client with a
 * secret) are its own; the rest must never get a token.
 */
const clientAuths = [
  "secret in the body",
  "secret in Basic",
  "wrong secret",
  "wrong secret in Basic",
  "Basic without a colon",
  "no secret",
  "no client",
  "unknown client",
  "another client's credentials",
  "both body and Basic",
] as const;
const ownAuths: readonly ClientAuth[] = ["secret in the body", "secret in Basic"];
export type ClientAuth = (typeof clientAuths)[number];

/** A `refresh_token` value: the real one, or one that must never work. */
export type RefreshTokenCase =
  | { kind: "real" }
  | { kind: "real, one character changed" }
  | { kind: "the access token" }
  | { kind: "text"; text: string };

/** One request; each parameter as the list of values it is sent with (none, one, or twice). */
export type GrantRequest = {
  clientAuth: ClientAuth;
  grantType: string[];
  refreshToken: RefreshTokenCase[];
  audience: string[];
  scope: string[];
  extra: [string, string][];
};

/** Every scope a real client could name, and a few that no API defines. */
const knownScopes = [...oidcScopes, ...Object.values(apis).flatMap((api) => api.scopes)];
const scopeNames = [...knownScopes, "admin:all", "read:everything", "openid2"];

const refreshTokens = mostly<RefreshTokenCase>(
  fc.constant({ kind: "real" as const }),
  fc.oneof(
    fc.constantFrom(
      { kind: "real, one character changed" as const },
      { kind: "the access token" as const },
    ),
    fc.string({ maxLength: 80 }).map((text) => ({ kind: "text" as const, text })),
  ),
);

const audiences = fc.constantFrom(
  ...Object.values(apis).map((api) => api.audience),
  "",
  "https://evil.example.com",
  "HTTPS://PROFILE-API.EXAMPLE.COM",
  `${apis.orders.audience}/`,
);

const scopes = mostly(
  fc.shuffledSubarray(scopeNames).map((names) => names.join(" ")),
  fc.constantFrom("", "openid,read:orders", "  read:orders  openid ", "READ:ORDERS"),
);

/** A parameter sent at most once, mostly; otherwise twice (RFC 6749 §3.2 forbids that). */
const onceOrTwice = <T>(values: fc.Arbitrary<T>) =>
  mostly(fc.array(values, { maxLength: 1 }), fc.array(values, { minLength: 2, maxLength: 2 }));

/** The generated grant requests. */
export const grantRequests: fc.Arbitrary<GrantRequest> = fc.record({
  clientAuth: mostly(fc.constantFrom(...ownAuths), fc.constantFrom(...clientAuths)),
  grantType: mostly<string[]>(
    fc.constant(["refresh_token"]),
    fc.constantFrom([], [""], ["REFRESH_TOKEN"], ["password"], ["refresh_token", "refresh_token"]),
  ),
  refreshToken: mostly(
    refreshTokens.map((token) => [token]),
    fc.array(refreshTokens, { maxLength: 2 }),
  ),
  audience: onceOrTwice(audiences),
  scope: onceOrTwice(scopes),
  extra: mostly(
    fc.constant([]),
    fc.array(
      fc.tuple(
        fc.constantFrom("resource", "prompt", "claims", "nonce", "code", "redirect_uri", "x"),
        fc.oneof(fc.constant(apis.orders.audience), fc.string({ maxLength: 20 })),
      ),
      { minLength: 1, maxLength: 2 },
    ),
  ),
});

/**
 * Whether the request is one the demo client could have sent for its refresh token: its own
 * credentials, the real refresh token, and every parameter at most once. Only such a
 * request may get a token.
 *
 * @example
 * isTheClientsOwn(request) || response.status !== 200;
 */
export function isTheClientsOwn(request: GrantRequest): boolean {
  return (
    ownAuths.includes(request.clientAuth) &&
    request.grantType.length === 1 &&
    request.grantType[0] === "refresh_token" &&
    request.refreshToken.length === 1 &&
    request.refreshToken[0]?.kind === "real" &&
    request.audience.length <= 1 &&
    request.scope.length <= 1
  );
}

// RFC 6749 §3.3: scope = scope-token *( SP scope-token ), a token printable ASCII but `"` and `\`.
const SCOPE = /^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/;

/**
 * Whether the request is the client's own with nothing the SDK would not send: no other
 * parameter, and a `scope` (if any) that RFC 6749 §3.3's grammar accepts. Such a request must
 * get a token, whatever audience and scopes it names.
 *
 * @example
 * isWhatTheSdkSends(request) ? response.status === 200 : true;
 */
export function isWhatTheSdkSends(request: GrantRequest): boolean {
  const [scope = ""] = request.scope;
  return isTheClientsOwn(request) && request.extra.length === 0 && (!scope || SCOPE.test(scope));
}
