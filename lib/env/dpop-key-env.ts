import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";

/** The DPoP client's key pair, as PEM text (`AUTH0_DPOP_PUBLIC_KEY`, `AUTH0_DPOP_PRIVATE_KEY`). */
export type DpopKeyPem = { publicKey: string; privateKey: string };

const HOW =
  "make one with `openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 " +
  "-nocrypt` (the private key) and `openssl ec -pubout` on it (the public key)";

/** Variables often carry PEM with `\n` escapes (one line in .env files and dashboards). */
const unescape = (pem: string) => pem.replace(/\\n/g, "\n").trim();

/**
 * Why a PEM pair cannot sign DPoP proofs (ES256: an EC key on P-256, public half of the private
 * one), or `null` when it can. The SDK itself would only log a warning and fall back to Bearer.
 *
 * @example
 * dpopKeyProblem({ publicKey: rsaPem, privateKey: rsaPrivatePem }); // "… must be an EC P-256 key …"
 */
export function dpopKeyProblem({ publicKey, privateKey }: DpopKeyPem): string | null {
  let pub: KeyObject;
  let priv: KeyObject;
  try {
    priv = createPrivateKey(privateKey);
  } catch {
    return `AUTH0_DPOP_PRIVATE_KEY is not a PEM private key: ${HOW}.`;
  }
  try {
    pub = createPublicKey(publicKey);
  } catch {
    return `AUTH0_DPOP_PUBLIC_KEY is not a PEM public key: ${HOW}.`;
  }
  const p256 = (key: KeyObject) =>
    key.asymmetricKeyType === "ec" && key.asymmetricKeyDetails?.namedCurve === "prime256v1";
  if (!p256(priv) || !p256(pub)) {
    return `AUTH0_DPOP_PUBLIC_KEY and AUTH0_DPOP_PRIVATE_KEY must be an EC P-256 key (ES256): ${HOW}.`;
  }
  const derived = createPublicKey(priv).export({ format: "jwk" });
  const given = pub.export({ format: "jwk" });
  if (derived.x !== given.x || derived.y !== given.y) {
    return "AUTH0_DPOP_PUBLIC_KEY is not the public half of AUTH0_DPOP_PRIVATE_KEY: derive it with `openssl ec -pubout` from the private key.";
  }
  return null;
}

/**
 * Reads and checks the DPoP key pair. Both variables or neither: without them the app makes a key
 * pair of its own (`lib/dpop/dpop-key-pair.ts`), unless `required` (production against a real
 * tenant, where every instance must sign with the same key). Adds one line per problem.
 *
 * @example
 * const pem = readDpopKey(process.env, { required: false }, (line) => lines.push(line));
 */
export function readDpopKey(
  source: Record<string, string | undefined>,
  { required }: { required: boolean },
  problem: (line: string) => void,
): DpopKeyPem | undefined {
  const publicKey = source.AUTH0_DPOP_PUBLIC_KEY?.trim()
    ? unescape(source.AUTH0_DPOP_PUBLIC_KEY)
    : "";
  const privateKey = source.AUTH0_DPOP_PRIVATE_KEY?.trim()
    ? unescape(source.AUTH0_DPOP_PRIVATE_KEY)
    : "";
  if (!publicKey && !privateKey) {
    if (required) {
      problem(
        "AUTH0_DPOP_PUBLIC_KEY and AUTH0_DPOP_PRIVATE_KEY are missing, and in production the " +
          "DPoP chapter's tokens must be bound to one key that every instance shares (a key " +
          `made at start would differ per instance and per restart): ${HOW}.`,
      );
    }
    return undefined;
  }
  if (!publicKey || !privateKey) {
    problem(`Set both AUTH0_DPOP_PUBLIC_KEY and AUTH0_DPOP_PRIVATE_KEY, or neither: ${HOW}.`);
    return undefined;
  }
  const pem = { publicKey, privateKey };
  const wrong = dpopKeyProblem(pem);
  if (wrong) {
    problem(wrong);
    return undefined;
  }
  return pem;
}
