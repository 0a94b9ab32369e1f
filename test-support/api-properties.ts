import fc from "fast-check";
import { apis } from "@/config/apis";
import type { JwksIssuer } from "./jwks-issuer";
import { surfaceOf, type SurfaceProperty } from "./surface-property";

/** What the Profile API's route module exports (`app/api/profile/me/route.ts`). */
type ProfileRoutes = Record<"GET" | "PATCH", (request: Request) => Promise<Response>>;

const URL_ME = "http://localhost:3000/api/profile/me";

/** One claim of a valid token, changed the way a forger or a misconfigured client might. */
const claimChanges = fc.record(
  {
    iss: fc.constantFrom("https://evil.example.com/", "", 42, null),
    aud: fc.constantFrom(apis.orders.audience, [apis.orders.audience], [], "", null),
    sub: fc.constantFrom("", 42, ["a"], "user-z", null),
    scope: fc.constantFrom("", "read:profile", "write:profile", "read:orders", 7, ["read:profile"]),
    exp: fc.constantFrom(0, 1, 2 ** 53, "tomorrow", null),
    nbf: fc.constantFrom(2 ** 40, "now", null),
    iat: fc.constantFrom(-1, "x", null),
  },
  { requiredKeys: [] },
);

/** An Authorization header: a valid token, one with changed claims, a forged or broken one. */
function authorizations(issuer: JwksIssuer) {
  const valid = { aud: apis.profile.audience, scope: "read:profile write:profile" };
  // One stranger key for every forged signature: making an RSA key takes tens of milliseconds.
  let stranger: ReturnType<JwksIssuer["strangerKey"]> | undefined;
  return fc.oneof(
    fc.constant(async () => `Bearer ${await issuer.sign(valid)}`),
    claimChanges.map(
      (changes) => async () => `Bearer ${await issuer.sign({ ...valid, ...changes } as never)}`,
    ),
    fc.constant(
      async () =>
        `Bearer ${await issuer.sign(valid, { key: await (stranger ??= issuer.strangerKey()) })}`,
    ),
    fc.constant(async () => {
      const [header, payload] = (await issuer.sign(valid)).split(".");
      return `Bearer ${b64(JSON.stringify({ alg: "none" }))}.${payload ?? header}.`;
    }),
    fc.string({ maxLength: 60 }).map((text) => async () => text),
    fc.string({ maxLength: 60 }).map((text) => async () => `Bearer ${text}`),
  );
}

const b64 = (text: string) => Buffer.from(text).toString("base64url");

/** A PATCH body: a plausible change, any JSON, or not JSON at all. */
const bodies = fc.oneof(
  fc
    .record(
      {
        name: fc.oneof(fc.string({ maxLength: 90 }), fc.integer()),
        bio: fc.oneof(fc.string({ maxLength: 300 }), fc.constant(null)),
        favouriteColour: fc.constantFrom("blue", "green", "mauve", ""),
        sub: fc.constant("someone-else"),
      },
      { requiredKeys: [] },
    )
    .map((body) => JSON.stringify(body)),
  fc.json({ maxDepth: 2 }),
  fc.string({ maxLength: 80 }),
);

/**
 * The Profile API (`GET` and `PATCH /api/profile/me`): never a 5xx; a refusal is RFC 6750's
 * (401 with a `Bearer` challenge, 400, 403 naming the scope) and `no-store`; and no refused PATCH
 * changes the profile.
 *
 * @example
 * const property = profileApiProperty(issuer, await import("@/app/api/profile/me/route"));
 */
export function profileApiProperty(issuer: JwksIssuer, routes: ProfileRoutes): SurfaceProperty {
  let reader: Promise<string> | undefined;
  const read = async () => {
    reader ??= issuer.sign({ aud: apis.profile.audience }).then((token) => `Bearer ${token}`);
    const authorization = await reader;
    const response = await routes.GET(new Request(URL_ME, { headers: { authorization } }));
    // The profile only: the echoed token's times differ from one read to the next.
    const profile = (await response.json()) as Record<string, unknown>;
    delete profile.token;
    return JSON.stringify(profile);
  };
  return surfaceOf(
    "Profile API (GET, PATCH)",
    fc.asyncProperty(
      fc.constantFrom("GET", "PATCH"),
      authorizations(issuer),
      bodies,
      fc.constantFrom("application/json", "text/plain", "application/json; charset=utf-8"),
      async (method, authorization, body, contentType) => {
        const before = await read();
        const headers = { authorization: await authorization(), "content-type": contentType };
        const init = method === "PATCH" ? { method, headers, body } : { method, headers };
        const response = await routes[method as "GET" | "PATCH"](new Request(URL_ME, init));
        const { status } = response;
        if (status >= 500 || ![200, 400, 401, 403, 415].includes(status)) return false;
        if (response.headers.get("cache-control") !== "no-store") return false;
        const challenge = response.headers.get("www-authenticate") ?? "";
        if ((status === 401 || status === 403) && !challenge.startsWith("Bearer")) return false;
        if (status === 403 && !/scope="/.test(challenge)) return false;
        // A refused request changes nothing (the token of `read` names the same user).
        return status === 200 || (await read()) === before;
      },
    ),
  );
}
