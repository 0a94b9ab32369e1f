import {
  createPublicKey,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  randomUUID,
} from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  CompactSign,
  EncryptJWT,
  SignJWT,
  importJWK,
  jwtDecrypt,
  type JWK,
  type JWTPayload,
} from "jose";
import { localClient } from "@/config/local-client";
import { appEnv, issuerEnv, issuerUrl } from "./servers";

/**
 * Forged credentials for the hostile-input specs: session cookies made or broken the way an
 * attacker could, and access tokens signed with the local issuer's real key so that exactly one
 * property of each token is wrong.
 */

// ---- Session cookies (the SDK's JWE: alg "dir", enc "A256GCM", key from HKDF-SHA256) ----------

/** What the SDK keeps in its session cookie, as far as these specs read it. */
export type SessionPayload = JWTPayload & {
  user: { sub: string; name?: string; email?: string };
  tokenSet: { accessToken: string; idToken?: string; refreshToken?: string; expiresAt: number };
  accessTokens?: { accessToken: string; audience: string }[];
};

/** The key the SDK derives from its secret: HKDF-SHA256, empty salt, info "JWE CEK", 32 bytes. */
function sessionKey(secret: string): Uint8Array {
  return new Uint8Array(hkdfSync("sha256", secret, "", "JWE CEK", 32));
}

/**
 * The session cookie's value from a cookie list: `__session` whole, or its chunks
 * `__session__0`, `__session__1`, … joined in order. Empty when there is no session.
 *
 * @example
 * const jwe = sessionCookieValue(await context.cookies());
 */
export function sessionCookieValue(cookies: readonly { name: string; value: string }[]): string {
  const whole = cookies.find((cookie) => cookie.name === "__session");
  if (whole) return whole.value;
  return cookies
    .map((cookie) => ({ index: /^__session__(\d+)$/.exec(cookie.name)?.[1], value: cookie.value }))
    .filter((chunk): chunk is { index: string; value: string } => chunk.index !== undefined)
    .sort((a, b) => Number(a.index) - Number(b.index))
    .map((chunk) => chunk.value)
    .join("");
}

/**
 * Decrypts a session cookie as the SDK does (with the e2e app's `AUTH0_SECRET` by default).
 *
 * @example
 * const { tokenSet } = await decryptSession(sessionCookieValue(await context.cookies()));
 */
export async function decryptSession(
  jwe: string,
  secret: string = appEnv.AUTH0_SECRET,
): Promise<SessionPayload> {
  const { payload } = await jwtDecrypt(jwe, sessionKey(secret), { clockTolerance: 15 });
  return payload as SessionPayload;
}

/**
 * Encrypts a session payload as the SDK does: with the app's secret it is a cookie the app
 * accepts, with any other secret a well-formed cookie it must refuse.
 *
 * @example
 * const rekeyed = await encryptSession(session, "another-secret-of-at-least-32-characters");
 */
export async function encryptSession(payload: JWTPayload, secret: string): Promise<string> {
  return new EncryptJWT(payload)
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .encrypt(sessionKey(secret));
}

const segment = (bytes: number) => randomBytes(bytes).toString("base64url");

/**
 * A compact JWE with the given protected header and random other parts: all that a forger needs
 * to choose which algorithm the server tries.
 *
 * @example
 * forgedHeaderJwe({ alg: "RSA-OAEP", enc: "A256GCM" });
 */
export function forgedHeaderJwe(header: Record<string, unknown>): string {
  const encoded = Buffer.from(JSON.stringify(header)).toString("base64url");
  return [encoded, segment(256), segment(12), segment(1024), segment(16)].join(".");
}

/**
 * The same JWE with one bit of its ciphertext flipped: the GCM tag no longer matches.
 *
 * @example
 * flipCiphertextBit(jwe) !== jwe; // true, same length
 */
export function flipCiphertextBit(jwe: string): string {
  const parts = jwe.split(".");
  const ciphertext = Buffer.from(parts[3] ?? "", "base64url");
  ciphertext[0] = (ciphertext[0] ?? 0) ^ 0x01;
  parts[3] = ciphertext.toString("base64url");
  return parts.join(".");
}

/**
 * Random base64url text of about `bytes` characters: a cookie that is no JWE at all.
 *
 * @example
 * garbage(8 * 1024).length; // 8192
 */
export function garbage(bytes: number): string {
  return randomBytes(bytes).toString("base64url").slice(0, bytes);
}

// ---- Access tokens, signed like the issuer's ----------------------------------------------------

/** The `iss` the app trusts: the issuer's URL with its trailing slash, as Auth0 writes it. */
const trustedIssuer = `${issuerUrl}/`;

/**
 * The issuer's RSA private signing key, read from its state folder. Read at call time: the issuer
 * writes the file when it starts, after this module may have been loaded.
 */
export function issuerSigningKey(): JWK & { kid: string } {
  const file = path.join(process.cwd(), issuerEnv.LOCAL_ISSUER_STATE_DIR, "keys.json");
  const { signingKey } = JSON.parse(readFileSync(file, "utf8")) as {
    signingKey: JWK & { kid: string };
  };
  return signingKey;
}

/**
 * The claims of a token the APIs accept, shaped like the issuer's: override one to break it.
 *
 * @example
 * tokenClaims({ sub: demoUser.id, audience: apis.orders.audience, scope: "openid read:orders" });
 */
export function tokenClaims(options: {
  sub: string;
  audience: string;
  scope: string;
}): JWTPayload & { scope: string } {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: trustedIssuer,
    sub: options.sub,
    aud: [options.audience, `${trustedIssuer}userinfo`],
    azp: localClient.clientId,
    scope: options.scope,
    iat: now,
    exp: now + 300,
    jti: randomUUID(),
  };
}

/**
 * Signs claims with RS256 and the issuer's real key (or `key`, under the header's `kid`).
 *
 * @example
 * const expired = await signToken({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 });
 */
export async function signToken(
  claims: JWTPayload,
  options: { key?: JWK; kid?: string } = {},
): Promise<string> {
  const issuerKey = issuerSigningKey();
  const key = await importJWK(options.key ?? issuerKey, "RS256");
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: options.kid ?? issuerKey.kid })
    .sign(key);
}

/**
 * A JWS correctly signed with the issuer's key whose payload is not a JSON claims set: only its
 * shape is wrong.
 *
 * @example
 * await signRawPayload("not json"); // passes the signature check, fails as a JWT
 */
export async function signRawPayload(payload: string): Promise<string> {
  const { kid, ...jwk } = issuerSigningKey();
  return new CompactSign(new TextEncoder().encode(payload))
    .setProtectedHeader({ alg: "RS256", typ: "JWT", kid })
    .sign(await importJWK(jwk, "RS256"));
}

/**
 * A token "signed" with HS256 whose HMAC secret is the issuer's public key (PEM): accepted by a
 * verifier that lets the token choose its algorithm, the classic forgery.
 */
export async function signWithPublicKeyAsHmac(claims: JWTPayload): Promise<string> {
  const { kid, kty, n, e } = issuerSigningKey();
  const pem = createPublicKey({ key: { kty, n, e }, format: "jwk" })
    .export({ type: "spki", format: "pem" })
    .toString();
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256", typ: "JWT", kid })
    .sign(new TextEncoder().encode(pem));
}

/** A token with `alg: "none"` and an empty signature. */
export function unsignedToken(claims: JWTPayload): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${encode({ alg: "none", typ: "JWT", kid: issuerSigningKey().kid })}.${encode(claims)}.`;
}

/** A fresh RSA key that is not the issuer's, as a private JWK. */
export function foreignRsaKey(): JWK {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return privateKey.export({ format: "jwk" }) as JWK;
}
