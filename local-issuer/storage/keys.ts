import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { exportJWK, generateKeyPair } from "jose";
import { z } from "zod";
import { writeFileAtomic } from "./atomic-write";

/** The RSA private key in JWK form, as oidc-provider's `jwks` option takes it. */
const signingKeySchema = z.object({
  kty: z.literal("RSA"),
  kid: z.string().min(1),
  alg: z.literal("RS256"),
  use: z.literal("sig"),
  n: z.string(),
  e: z.string(),
  d: z.string(),
  p: z.string(),
  q: z.string(),
  dp: z.string(),
  dq: z.string(),
  qi: z.string(),
});

const keysSchema = z.object({
  signingKey: signingKeySchema,
  /** Koa signs oidc-provider's cookies with these; kept so sessions survive a restart. */
  cookieKeys: z.array(z.string().min(32)).min(1),
});

export type IssuerKeys = z.infer<typeof keysSchema>;

async function generateKeys(): Promise<IssuerKeys> {
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk = await exportJWK(privateKey);
  const signingKey = signingKeySchema.parse({
    ...jwk,
    kid: randomUUID(),
    alg: "RS256",
    use: "sig",
  });
  return { signingKey, cookieKeys: [randomBytes(32).toString("base64url")] };
}

/**
 * Loads the token signing key and the cookie keys from `path`, or creates them when the file is
 * missing or unreadable. A stable key means tokens issued before a restart still verify against
 * the JWKS, which the app may have cached.
 *
 * @example
 * const keys = await loadOrCreateKeys(".local-issuer/keys.json", console.log);
 * keys.signingKey.kid; // the `kid` in every token header and in the JWKS
 */
export async function loadOrCreateKeys(
  path: string,
  log: (line: string) => void,
): Promise<IssuerKeys> {
  if (existsSync(path)) {
    try {
      return keysSchema.parse(JSON.parse(readFileSync(path, "utf8")));
    } catch {
      log(`key file ${path} is unreadable: creating a new signing key (old tokens stop verifying)`);
    }
  } else {
    log(`key file ${path} not found: creating a new signing key`);
  }
  const keys = await generateKeys();
  writeFileAtomic(path, JSON.stringify(keys, null, 2));
  return keys;
}
