import { pickFrom, seededRandom } from "./seeded-random";

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

export type FavouriteColour = (typeof FAVOURITE_COLOURS)[number];

/** A user's profile as the Profile API stores and returns it. */
export type Profile = {
  /** The token's `sub`: the only identity the API trusts. */
  sub: string;
  name: string;
  email: string;
  bio: string;
  favouriteColour: FavouriteColour;
  /** ISO 8601 time of the last change (or of the first read, for a fresh profile). */
  updatedAt: string;
};

/**
 * The profile a user starts with, derived from their `sub` alone: the API sees no ID token, so
 * it knows no real name or email. The email is made up under `example.com`.
 *
 * @example
 * defaultProfile("auth0|42").email; // "auth0-42@example.com"
 */
export function defaultProfile(sub: string, now: Date = new Date()): Profile {
  const handle = sub
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 40);
  return {
    sub,
    name: `Demo user ${handle || "anonymous"}`.slice(0, 80),
    email: `${handle || "user"}@example.com`,
    bio: "",
    favouriteColour: pickFrom(seededRandom(sub), FAVOURITE_COLOURS),
    updatedAt: now.toISOString(),
  };
}
