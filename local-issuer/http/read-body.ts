import type { IncomingMessage } from "node:http";

/**
 * A request body as text, read in full only while it stays within `limit` bytes: the sign-in
 * form, the MFA API and the Management API each take small bodies, and a larger one is refused
 * with the error its caller makes (Auth0's wording differs between them) before it is buffered.
 *
 * @example
 * const text = await readBodyText(ctx.req, 10_000, () => new errors.InvalidRequest("too large"));
 */
export async function readBodyText(
  request: IncomingMessage,
  limit: number,
  tooLarge: () => Error,
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += bytes.length;
    if (size > limit) throw tooLarge();
    chunks.push(bytes);
  }
  // Decoded once at the end: a character split between two chunks stays whole.
  return Buffer.concat(chunks).toString("utf8");
}
