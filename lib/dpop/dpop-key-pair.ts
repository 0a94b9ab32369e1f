import "server-only";
import { createPrivateKey, createPublicKey, generateKeyPairSync, webcrypto } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { DpopKeyPem } from "@/lib/env/dpop-key-env";
import { dpopKeyProblem } from "@/lib/env/dpop-key-env";

/** The file, in the local issuer's state folder, that keeps the key pair made on first run. */
export const DPOP_KEY_FILE = "app-dpop-key.json";

/**
 * The folder the local issuer keeps its state in (`LOCAL_ISSUER_STATE_DIR`, `.local-issuer/` by
 * default): git ignores it, and deleting it starts everything afresh, this key included.
 */
const stateDir = (source: Record<string, string | undefined>) =>
  resolve(process.cwd(), source.LOCAL_ISSUER_STATE_DIR?.trim() || ".local-issuer");

/**
 * The key pair made on first run and kept in `<state folder>/app-dpop-key.json`, so a restart
 * keeps the tokens already bound to it usable. Several servers started at once (the tests) may
 * race: the file is written aside and linked into place, which fails if another got there first,
 * and then everyone reads the winner's.
 *
 * @example
 * const pem = storedDpopKey(process.env); // the same pair on every call and every restart
 */
export function storedDpopKey(source: Record<string, string | undefined>): DpopKeyPem {
  const dir = stateDir(source);
  const file = join(dir, DPOP_KEY_FILE);
  const read = (): DpopKeyPem | null => {
    try {
      const pem = JSON.parse(readFileSync(file, "utf8")) as DpopKeyPem;
      return dpopKeyProblem(pem) === null ? pem : null;
    } catch {
      return null;
    }
  };
  const known = read();
  if (known) return known;
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const pem: DpopKeyPem = {
    publicKey: publicKey.export({ type: "spki", format: "pem" }).toString(),
    privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
  mkdirSync(dir, { recursive: true });
  const aside = `${file}.${process.pid}.tmp`;
  writeFileSync(aside, JSON.stringify(pem), { mode: 0o600 });
  try {
    linkSync(aside, file);
  } catch {
    // Another server linked its own first: one winner, one key. Or the file is not a key pair.
    if (!read()) {
      rmSync(file, { force: true });
      linkSync(aside, file);
    }
  } finally {
    rmSync(aside, { force: true });
  }
  return read() ?? pem;
}

/**
 * The `CryptoKeyPair` the SDK signs its proofs with (`dpopKeyPair`): from the checked variables,
 * or the stored pair. The private key is not extractable: nothing in the app can print it.
 *
 * @example
 * const dpopKeyPair = await dpopKeyPairFrom(serverEnv().dpopKey, process.env);
 */
export async function dpopKeyPairFrom(
  configured: DpopKeyPem | undefined,
  source: Record<string, string | undefined>,
): Promise<CryptoKeyPair> {
  const pem = configured ?? storedDpopKey(source);
  // Through KeyObject: a "BEGIN EC PRIVATE KEY" (SEC1) PEM is accepted as well as PKCS #8.
  const privateDer = createPrivateKey(pem.privateKey).export({ type: "pkcs8", format: "der" });
  const publicDer = createPublicKey(pem.publicKey).export({ type: "spki", format: "der" });
  const algorithm = { name: "ECDSA", namedCurve: "P-256" };
  const [privateKey, publicKey] = await Promise.all([
    webcrypto.subtle.importKey("pkcs8", privateDer, algorithm, false, ["sign"]),
    webcrypto.subtle.importKey("spki", publicDer, algorithm, true, ["verify"]),
  ]);
  return { privateKey, publicKey };
}
