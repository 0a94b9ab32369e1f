/**
 * A configuration that cannot work, with one line per problem, each naming the variable and the
 * fix. Thrown by both the server's and the public environment's parsers.
 *
 * @example
 * throw new EnvError(["AUTH0_CLIENT_ID is missing: copy the Client ID of your application."]);
 */
export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Invalid environment configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}\n` +
        "See .env.example and docs/configuration.md.",
    );
    this.name = "EnvError";
  }
}
