import { createHash } from "node:crypto";

/**
 * The rule for `AUTH0_SECRET`, the key of every session cookie: anyone who can guess it can forge
 * a session. It must be 32 random bytes as 64 hex characters, and look it: hex that only has the
 * right length (a pattern, a hash of a word) passes a format check and is guessed in seconds.
 */

/** 64 random hex digits use fewer than 10 different ones about once in 10^12 draws. */
const MIN_DISTINCT_DIGITS = 10;

/**
 * A run this long that appears twice is a pattern, whatever its period. Random hex repeats one
 * about once in 3 million draws: that secret is refused too, and the next one is not.
 */
const RUN_LENGTH = 8;

/** Words whose SHA-256 looks random and is the first thing a guesser tries. */
const WELL_KNOWN_WORDS = [
  "",
  "password",
  "secret",
  "changeme",
  "123456",
  "admin",
  "test",
  "default",
  "letmein",
  "qwerty",
];

const wellKnownHashes = new Set(
  WELL_KNOWN_WORDS.map((word) => createHash("sha256").update(word).digest("hex")),
);

/**
 * What is wrong with `secret` as the cookie secret, as a line naming the variable and the fix;
 * `null` when it will do.
 *
 * @example
 * cookieSecretProblem("0123456789abcdef".repeat(4)); // "AUTH0_SECRET must be … repeats a run …"
 * cookieSecretProblem(randomBytes(32).toString("hex")); // null (almost always)
 */
export function cookieSecretProblem(secret: string): string | null {
  const hex = secret.toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex)) return problem();
  if (wellKnownHashes.has(hex)) {
    return problem("this one is the SHA-256 of a well-known word, which anyone can compute");
  }
  if (hasRepeatedRun(hex)) return problem(`this one repeats a run of ${RUN_LENGTH} characters`);
  const distinct = new Set(hex).size;
  if (distinct < MIN_DISTINCT_DIGITS) {
    return problem(`this one uses only ${distinct} different hex digits`);
  }
  return null;
}

function hasRepeatedRun(hex: string): boolean {
  const seen = new Set<string>();
  for (let start = 0; start + RUN_LENGTH <= hex.length; start += 1) {
    const run = hex.slice(start, start + RUN_LENGTH);
    if (seen.has(run)) return true;
    seen.add(run);
  }
  return false;
}

function problem(reason?: string): string {
  return (
    "AUTH0_SECRET must be 32 random bytes as 64 hex characters (it encrypts the session " +
    `cookie)${reason ? `; ${reason}` : ""}: generate one with \`openssl rand -hex 32\`.`
  );
}
