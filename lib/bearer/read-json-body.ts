import "server-only";
import type { ApiError } from "./api-error";

/** The largest body the demo APIs read: a profile update is a few hundred bytes at most. */
export const MAX_BODY_BYTES = 4 * 1024;

export type JsonBodyResult = { ok: true; value: unknown } | { ok: false; error: ApiError };

function refuse(problem: string): JsonBodyResult {
  return { ok: false, error: { code: "invalid_body", issues: [{ field: "body", problem }] } };
}

/** Reads at most `limit` bytes; `null` as soon as the body turns out to be longer. */
async function readCapped(body: ReadableStream<Uint8Array>, limit: number): Promise<Buffer | null> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * Reads a JSON request body defensively: `Content-Type: application/json` only, at most
 * `MAX_BODY_BYTES` (checked while reading, since `Content-Length` may be absent or wrong), valid
 * UTF-8, valid JSON. Each refusal is an `invalid_body` error whose field is `"body"`.
 *
 * @example
 * const body = await readJsonBody(request);
 * if (!body.ok) return body; // 400 with { error: "invalid_body", field: "body", ... }
 * const changes = parseProfileUpdate(body.value);
 */
export async function readJsonBody(
  request: Request,
  limit = MAX_BODY_BYTES,
): Promise<JsonBodyResult> {
  const mediaType = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (mediaType !== "application/json") {
    return refuse(
      `must be sent with Content-Type: application/json (got ${mediaType || "no Content-Type"})`,
    );
  }
  const tooLarge = `must be at most ${limit} bytes`;
  if (Number(request.headers.get("content-length") ?? 0) > limit) return refuse(tooLarge);
  if (!request.body) return refuse("is empty: send a JSON object");

  const bytes = await readCapped(request.body, limit);
  if (bytes === null) return refuse(tooLarge);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return refuse("is not valid UTF-8");
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return refuse(`is not valid JSON (${error instanceof Error ? error.message : "parse error"})`);
  }
}
