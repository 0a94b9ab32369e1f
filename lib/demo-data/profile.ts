import { demoUsers } from "@/config/demo-users";
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
 * The profile a user starts with. The API sees no ID token, so it knows no real name or email:
 * the local demo users are seeded from `config/demo-users.ts`; anyone else (a real tenant's
 * users) gets a name and an `example.com` email made up from their `sub`.
 *
 * @example
 * defaultProfile("auth0|42").email; // "auth0-42@example.com"
 * defaultProfile("auth0|local-demo-user").name; // "Demo User"
 */
export function defaultProfile(sub: string, now: Date = new Date()): Profile {
  const known = demoUsers.find((user) => user.id === sub);
  const handle = sub
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 40);
  return {
    sub,
    name: known?.name ?? `Demo user ${handle || "anonymous"}`.slice(0, 80),
    email: known?.email ?? `${handle || "user"}@example.com`,
    bio: "",
    favouriteColour: pickFrom(seededRandom(sub), FAVOURITE_COLOURS),
    updatedAt: now.toISOString(),
  };
}
