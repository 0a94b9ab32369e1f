import type { z } from "zod";
import { profileUpdateSchema } from "@/lib/apis/profile-contract";
import type { ProfileUpdate } from "@/lib/apis/profile-contract";
import type { BodyIssue } from "@/lib/apis/shared-contract";
import type { ApiError } from "@/lib/bearer/api-error";

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
