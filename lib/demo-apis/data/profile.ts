import { demoUsers } from "@/config/demo-users";
import { FAVOURITE_COLOURS } from "@/lib/demo-apis/contracts/profile-contract";
import type { Profile } from "@/lib/demo-apis/contracts/profile-contract";
import { pickFrom, seededRandom } from "./seeded-random";

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
