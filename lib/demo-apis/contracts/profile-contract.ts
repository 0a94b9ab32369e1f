/**
 * The Profile API's contract (`app/api/profile/me/route.ts`):
 *
 * - `GET /api/profile/me` (scope `read:profile`) answers a `ProfileResponse`;
 * - `PATCH /api/profile/me` (scope `write:profile`) takes a `ProfileUpdate` and answers the
 *   changed `ProfileResponse`;
 * - a refusal is an `ApiErrorBody` (`lib/demo-apis/contracts/shared-contract.ts`).
 *
 * No `server-only` and no secret here: the browser bundle imports this module.
 */
import { z } from "zod";
import { verifiedTokenSchema } from "./shared-contract";

/**
 * The colours a profile may pick. An enum rather than any `#rrggbb` string: the UI can offer a
 * select, and the validation error can list every accepted value.
 */
export const FAVOURITE_COLOURS = [
  "red",
  "orange",
  "yellow",
  "green",
  "blue",
  "indigo",
  "violet",
] as const;

const favouriteColourSchema = z.enum(FAVOURITE_COLOURS, {
  error: `must be one of ${FAVOURITE_COLOURS.join(", ")}`,
});

/** A user's profile as the Profile API stores and returns it. */
const profileSchema = z.object({
  /** The token's `sub`: the only identity the API trusts. */
  sub: z.string(),
  name: z.string(),
  email: z.string(),
  bio: z.string(),
  favouriteColour: favouriteColourSchema,
  /** ISO 8601 time of the last change (or of the first read, for a fresh profile). */
  updatedAt: z.string(),
});

export type Profile = z.infer<typeof profileSchema>;

/** What `GET` and `PATCH` answer: the profile, and the token the API accepted. */
export const profileResponseSchema = profileSchema.extend({ token: verifiedTokenSchema });

export type ProfileResponse = z.infer<typeof profileResponseSchema>;

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
    favouriteColour: favouriteColourSchema.optional(),
  })
  .strict();

export type ProfileUpdate = z.infer<typeof profileUpdateSchema>;
