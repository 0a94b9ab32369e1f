import { hkdfSync } from "node:crypto";

const keys = new Map<string, Buffer>();

/**
 * A 32-byte key derived from `AUTH0_SECRET` with HKDF-SHA256 (no salt) for one purpose, named by
 * `info`: one secret in the environment, a separate key per use. Derived once per secret and
 * purpose, not per request.
 *
 * @example
 * const key = derivedKey(serverEnv().secret, "mfa_token binding");
 */
export function derivedKey(secret: string, info: string): Buffer {
  const id = `${info}\n${secret}`;
  let key = keys.get(id);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", secret, "", info, 32));
    keys.set(id, key);
  }
  return key;
}
