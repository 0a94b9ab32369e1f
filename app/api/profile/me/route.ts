import { apis } from "@/config/apis";
import type { ProfileResponse } from "@/lib/demo-apis/contracts/profile-contract";
import { bearerRoute } from "@/lib/demo-apis/server/bearer-route";
import type { RouteOutcome } from "@/lib/demo-apis/server/bearer-route";
import { getProfile, updateProfile } from "@/lib/demo-apis/data/profile-store";
import { methodNotAllowedRoute, preflightRoute } from "@/lib/demo-apis/server/method-routes";
import { parseProfileUpdate, readJsonBody } from "@/lib/demo-apis/server/profile-update";

// The Profile API, bearer-only: `proxy.ts` does not match /api/profile, and nothing here reads
// the session cookie. The token's `sub` picks the profile; the body can never choose another user.
// Every answer also echoes the token the API accepted, so the caller can see what it received.

/** `GET /api/profile/me` (scope `read:profile`): the caller's profile. */
export const GET = bearerRoute(
  { api: apis.profile, scope: "read:profile" },
  (_request, token): RouteOutcome<ProfileResponse> => ({
    ok: true,
    body: { ...getProfile(token.sub), token },
  }),
);

/** `PATCH /api/profile/me` (scope `write:profile`): change name, bio or favourite colour. */
export const PATCH = bearerRoute(
  { api: apis.profile, scope: "write:profile" },
  async (request, token): Promise<RouteOutcome<ProfileResponse>> => {
    const body = await readJsonBody(request);
    if (!body.ok) return body;
    const changes = parseProfileUpdate(body.value);
    if (!changes.ok) return changes;
    return { ok: true, body: { ...updateProfile(token.sub, changes.value), token } };
  },
);

export const OPTIONS = preflightRoute(["GET", "PATCH", "OPTIONS"]);

// The other methods get the API's 405 (with its headers), not Next.js's.
export const POST = methodNotAllowedRoute(["GET", "PATCH", "OPTIONS"]);
export const PUT = POST;
export const DELETE = POST;
