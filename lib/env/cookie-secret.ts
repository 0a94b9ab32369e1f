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
  "hunter2",
  "auth0",
];

/**
 * Each word as typed (lower case, capitalised), with and without the newline that
 * `echo word | sha256sum` adds, hashed with SHA-256 or SHA-512 cut to 64 digits.
 */
const wellKnownHashes = new Set(
  WELL_KNOWN_WORDS.flatMap((word) => [word, word.charAt(0).toUpperCase() + word.slice(1)])
    .flatMap((word) => [word, `${word}\n`])
    .flatMap((input) => [
      createHash("sha256").update(input).digest("hex"),
      createHash("sha512").update(input).digest("hex").slice(0, 64),
    ]),
);

/**
 * Random bytes differ from one to the next by about 29 different amounts out of 31; a counter
 * (`000102…`) or a stride (`(i * 37) % 256`) by one or two.
 */
const MIN_DISTINCT_STEPS = 16;

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
    return problem("this one is the hash of a well-known word, which anyone can compute");
  }
  if (hasRepeatedRun(hex)) return problem(`this one repeats a run of ${RUN_LENGTH} characters`);
  if (distinctSteps(hex) < MIN_DISTINCT_STEPS) {
    return problem("this one is a sequence (its bytes step by the same few amounts)");
  }
  const distinct = new Set(hex).size;
  if (distinct < MIN_DISTINCT_DIGITS) {
    return problem(`this one uses only ${distinct} different hex digits`);
  }
  return null;
}

/** How many different amounts the bytes of `hex` step by, from one byte to the next. */
function distinctSteps(hex: string): number {
  const bytes = Buffer.from(hex, "hex");
  const steps = new Set<number>();
  for (let i = 1; i < bytes.length; i += 1)
    steps.add(((bytes[i] ?? 0) - (bytes[i - 1] ?? 0) + 256) % 256);
  return steps.size;
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
