/**
 * The body of `PATCH /api/profile/me`, read and checked in two steps: `readJsonBody` takes the
 * bytes (JSON only, and few of them), `parseProfileUpdate` holds them to the Profile contract.
 */
import "server-only";
import type { z } from "zod";
import { profileUpdateSchema } from "@/lib/demo-apis/contracts/profile-contract";
import type { ProfileUpdate } from "@/lib/demo-apis/contracts/profile-contract";
import type { BodyIssue } from "@/lib/demo-apis/contracts/shared-contract";
import type { ApiError } from "@/lib/demo-apis/server/api-error";

/** The largest body the Profile API reads: a profile update is a few hundred bytes at most. */
const MAX_BODY_BYTES = 4 * 1024;

type Refusal = { ok: false; error: ApiError };

/** The body as a whole was refused: its field is `"body"`. */
function refuse(problem: string): Refusal {
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
): Promise<{ ok: true; value: unknown } | Refusal> {
  const mediaType = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (mediaType !== "application/json") {
    return refuse(
      `must be sent with Content-Type: application/json (got ${mediaType || "no Content-Type"})`,
    );
  }
  const tooLarge = `must be at most ${MAX_BODY_BYTES} bytes`;
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) return refuse(tooLarge);
  if (!request.body) return refuse("is empty: send a JSON object");

  const bytes = await readCapped(request.body, MAX_BODY_BYTES);
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

const EDITABLE = Object.keys(profileUpdateSchema.shape).join(", ");

function toIssues(error: z.ZodError): BodyIssue[] {
  return error.issues.flatMap((issue): BodyIssue[] => {
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({
        field: key,
        problem: `is not a field you can change (use ${EDITABLE})`,
      }));
    }
    if (issue.path.length === 0) return [{ field: "body", problem: "must be a JSON object" }];
    return [{ field: issue.path.join("."), problem: issue.message }];
  });
}

/**
 * Validates a parsed JSON body as a profile update. Every problem names its field, so the
 * caller can show it next to the input.
 *
 * @example
 * parseProfileUpdate({ favouriteColour: "teal" });
 * // { ok: false, error: { code: "invalid_body", issues: [{ field: "favouriteColour", ... }] } }
 */
export function parseProfileUpdate(value: unknown): { ok: true; value: ProfileUpdate } | Refusal {
  const result = profileUpdateSchema.safeParse(value);
  if (!result.success) {
    return { ok: false, error: { code: "invalid_body", issues: toIssues(result.error) } };
  }
  if (Object.keys(result.data).length === 0) {
    return refuse(`names no field to change (use ${EDITABLE})`);
  }
  return { ok: true, value: result.data };
}
