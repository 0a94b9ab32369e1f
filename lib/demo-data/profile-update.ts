import { z } from "zod";
import type { ApiError, BodyIssue } from "@/lib/bearer/api-error";
import { FAVOURITE_COLOURS } from "./profile";

const text = (max: number) =>
  z.string({ error: "must be a string" }).max(max, `must be at most ${max} characters`);

/**
 * The body of `PATCH /api/profile/me`: any of the editable fields, nothing else. `.strict()`
 * turns an unknown field into an error instead of silently dropping it, so a typo such as
 * `favoriteColour` is reported rather than ignored.
 */
export const profileUpdateSchema = z
  .object({
    name: text(80).trim().min(1, "must not be empty").optional(),
    bio: text(280).optional(),
    favouriteColour: z
      .enum(FAVOURITE_COLOURS, { error: `must be one of ${FAVOURITE_COLOURS.join(", ")}` })
      .optional(),
  })
  .strict();

export type ProfileUpdate = z.infer<typeof profileUpdateSchema>;

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
export function parseProfileUpdate(
  value: unknown,
): { ok: true; value: ProfileUpdate } | { ok: false; error: ApiError } {
  const result = profileUpdateSchema.safeParse(value);
  if (!result.success) {
    return { ok: false, error: { code: "invalid_body", issues: toIssues(result.error) } };
  }
  if (Object.keys(result.data).length === 0) {
    const problem = `names no field to change (use ${EDITABLE})`;
    return { ok: false, error: { code: "invalid_body", issues: [{ field: "body", problem }] } };
  }
  return { ok: true, value: result.data };
}
