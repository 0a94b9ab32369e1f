import "server-only";
import { createRemoteJWKSet } from "jose";

type IssuerKeys = ReturnType<typeof createRemoteJWKSet>;

// One key set per issuer for the whole process: each one caches the keys it fetched, so sharing
// it is what keeps the issuer from being asked for its keys on every request.
const keySets = new Map<string, IssuerKeys>();

/**
 * Where both Auth0 and the local issuer publish their signing keys.
 *
 * @example
 * jwksUrlOf("http://localhost:4000/").href; // "http://localhost:4000/.well-known/jwks.json"
 */
export function jwksUrlOf(issuerUrl: string): URL {
  return new URL(".well-known/jwks.json", issuerUrl);
}

/**
 * The issuer's public signing keys (JWKS), fetched on first use and cached.
 *
 * jose refetches the set when a token names a `kid` it does not know (the issuer rotated its
 * keys), but at most once per `cooldownDuration`, so tokens with made-up `kid`s cannot turn this
 * API into a flood of requests to the issuer.
 *
 * @example
 * const { payload } = await jwtVerify(token, issuerKeys("https://tenant.auth0.com/"));
 */
export function issuerKeys(issuerUrl: string): IssuerKeys {
  let keys = keySets.get(issuerUrl);
  if (!keys) {
    keys = createRemoteJWKSet(jwksUrlOf(issuerUrl), {
      cooldownDuration: 30_000,
      cacheMaxAge: 10 * 60_000,
      timeoutDuration: 5_000,
    });
    keySets.set(issuerUrl, keys);
  }
  return keys;
}
