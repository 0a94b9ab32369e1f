import { EnvError, parseEnv } from "./env";

// A missing or malformed variable stops start-up with a message that names it and the fix,
// instead of failing later on the first sign-in.
try {
  parseEnv(process.env);
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  console.error(`\n${error.message}\n`);
  process.exit(1);
}
