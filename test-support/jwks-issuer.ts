/**
 * Test-only: a minimal authorization server for unit tests. It holds an RSA key pair, serves the
 * public key as a JWKS on `http://localhost:<port>/.well-known/jwks.json`, and signs access
 * tokens shaped like Auth0's.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import type { JWK, JWTPayload } from "jose";

type SigningKey = { kid: string; privateKey: CryptoKey; publicJwk: JWK };

/** The user a token is for unless the claims say otherwise. */
export const DEFAULT_SUB = "user-a";

export type JwksIssuer = {
  /** `http://localhost:<port>`: what `AUTH0_DOMAIN` should be for the app to trust this issuer. */
  domain: string;
  /** `http://localhost:<port>/`: the `iss` of its tokens. */
  issuerUrl: string;
  /** The `kid` of the key it signs with now. */
  currentKid: () => string;
  /** How many times the JWKS was fetched. */
  jwksHits: () => number;
  /** Signs an RS256 token with the current key; `claims` override or (as `undefined`) remove. */
  sign: (claims?: JWTPayload, options?: { key?: SigningKey; kid?: string }) => Promise<string>;
  /** A key pair this issuer never publishes, to forge signatures with. */
  strangerKey: () => Promise<SigningKey>;
  /** Replaces the published key with a new one (a key rotation) and signs with it from now on. */
  rotate: () => Promise<void>;
  close: () => Promise<void>;
};

let kidCounter = 0;

async function newKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const kid = `test-key-${++kidCounter}`;
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: "RS256" } };
}

/**
 * Starts a test issuer on an ephemeral port of `localhost`.
 *
 * @example
 * const issuer = await startJwksIssuer();
 * const token = await issuer.sign({ aud: "https://orders-api.example.com", scope: "read:orders" });
 * await issuer.close();
 */
export async function startJwksIssuer(): Promise<JwksIssuer> {
  let current = await newKey();
  let hits = 0;
  const server = createServer((request, response) => {
    if (request.url !== "/.well-known/jwks.json") return void response.writeHead(404).end();
    hits++;
    response.writeHead(200, { "Content-Type": "application/json" });
    response.end(JSON.stringify({ keys: [current.publicJwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "localhost", resolve));
  const { port } = server.address() as AddressInfo;
  const domain = `http://localhost:${port}`;
  const issuerUrl = `${domain}/`;

  return {
    domain,
    issuerUrl,
    currentKid: () => current.kid,
    jwksHits: () => hits,
    async sign(claims = {}, { key = current, kid = key.kid } = {}) {
      const now = Math.floor(Date.now() / 1000);
      const payload: JWTPayload = {
        iss: issuerUrl,
        sub: DEFAULT_SUB,
        aud: "https://profile-api.example.com",
        scope: "read:profile",
        azp: "test-client",
        iat: now,
        exp: now + 3600,
        ...claims,
      };
      return new SignJWT(payload)
        .setProtectedHeader({ alg: "RS256", kid, typ: "at+jwt" })
        .sign(key.privateKey);
    },
    strangerKey: newKey,
    async rotate() {
      current = await newKey();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
