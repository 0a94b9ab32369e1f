import "server-only";
import type { Profile, ProfileUpdate } from "@/lib/demo-apis/contracts/profile-contract";
import { defaultProfile } from "./profile";

// A demo store: in memory, per server process, lost on restart. A real API would use a database
// keyed the same way: by the token's `sub`, never by anything the client sends in the body.
const profiles = new Map<string, Profile>();

// Only verified tokens create entries, but a cap still keeps a long-running demo bounded.
const MAX_PROFILES = 1_000;

function stored(sub: string): Profile {
  const existing = profiles.get(sub);
  if (existing) return existing;
  if (profiles.size >= MAX_PROFILES) {
    const oldest = profiles.keys().next().value;
    if (oldest !== undefined) profiles.delete(oldest);
  }
  const profile = defaultProfile(sub);
  profiles.set(sub, profile);
  return profile;
}

/**
 * The profile of the user `sub`, created with defaults on first read.
 *
 * @example
 * const profile = getProfile(token.sub);
 */
export function getProfile(sub: string): Profile {
  return { ...stored(sub) };
}

/**
 * Applies a validated update to the profile of `sub` only, and returns the new profile.
 *
 * @example
 * updateProfile(token.sub, { favouriteColour: "green" }).favouriteColour; // "green"
 */
export function updateProfile(sub: string, changes: ProfileUpdate, now = new Date()): Profile {
  const updated = { ...stored(sub), ...changes, updatedAt: now.toISOString() };
  profiles.set(sub, updated);
  return { ...updated };
}
