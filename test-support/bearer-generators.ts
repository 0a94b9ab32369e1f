import fc from "fast-check";
import { apis } from "@/config/apis";
import type { JwksIssuer } from "./jwks-issuer";

/**
 * Generated requests for the bearer-only demo APIs, shared by the Profile and Orders APIs'
 * properties (`api-properties.ts`): Authorization headers built from a valid token of the API
 * under test, changed claim by claim, forged or broken, and bodies any client could send.
 */

/** An API of `config/apis.ts`. */
export type DemoApi = (typeof apis)[keyof typeof apis];

const everyScope = [...new Set(Object.values(apis).flatMap((api) => api.scopes))];

/**
 * Changes to a valid token for `api`: one claim at a time (replaced, or removed as `undefined`),
 * as a forger or a misconfigured client might, or several at once.
 */
function claimChanges(api: DemoApi): fc.Arbitrary<Record<string, unknown>> {
  const [other = "", ...rest] = Object.values(apis)
    .map((known) => known.audience)
    .filter((audience) => audience !== api.audience);
  const values: Record<string, unknown[]> = {
    iss: ["https://evil.example.com/", "", 42, null, undefined],
    aud: [other, ...rest, [other], [], "", null, undefined],
    sub: ["", 42, ["a"], "user-z", null, undefined],
    scope: ["", ...everyScope, api.scopes.join(" "), 7, [api.scopes[0]], undefined],
    exp: [0, 1, 2 ** 53, "tomorrow", null, undefined],
    nbf: [2 ** 40, "now", null],
    iat: [-1, "x", null, undefined],
  };
  const oneClaim = fc
    .constantFrom(...Object.keys(values))
    .chain((name) => fc.constantFrom(...(values[name] ?? [])).map((value) => ({ [name]: value })));
  const severalClaims = fc.record(
    Object.fromEntries(
      Object.entries(values).map(([name, options]) => [name, fc.constantFrom(...options)]),
    ),
    { requiredKeys: [] },
  );
  return fc.oneof(oneClaim, severalClaims);
}

/**
 * What the Authorization header carries, as data (so a shrunk counterexample reads as one): a
 * valid token, one with changed claims, a forged or unsigned one, any text, or no header.
 */
export type AuthorizationCase =
  | { kind: "valid" }
  | { kind: "changed claims"; changes: Record<string, unknown> }
  | { kind: "signed with a stranger key" }
  | { kind: "alg none" }
  | { kind: "any text"; text: string }
  | { kind: "Bearer and any text"; text: string }
  | { kind: "no header" };

/**
 * The Authorization cases for `api`.
 *
 * @example
 * fc.sample(authorizationCases(apis.orders), 3); // [{ kind: "valid" }, …]
 */
export function authorizationCases(api: DemoApi): fc.Arbitrary<AuthorizationCase> {
  return fc.oneof(
    fc.constant({ kind: "valid" as const }),
    claimChanges(api).map((changes) => ({ kind: "changed claims" as const, changes })),
    fc.constant({ kind: "signed with a stranger key" as const }),
    fc.constant({ kind: "alg none" as const }),
    fc.string({ maxLength: 60 }).map((text) => ({ kind: "any text" as const, text })),
    fc.string({ maxLength: 60 }).map((text) => ({ kind: "Bearer and any text" as const, text })),
    fc.constant({ kind: "no header" as const }),
  );
}

/** Cases no API may ever answer with 200: nothing in them was signed by the issuer. */
export const mustBeRefused = (auth: AuthorizationCase): boolean =>
  auth.kind !== "valid" && auth.kind !== "changed claims";

const b64 = (text: string) => Buffer.from(text).toString("base64url");

/**
 * Builds the Authorization header of a case, signed by `issuer` for `api` (every scope it has);
 * `undefined` for no header. One stranger key serves every forged signature: making an RSA key
 * takes tens of milliseconds.
 *
 * @example
 * const header = await authorizationHeaders(issuer, apis.orders)({ kind: "valid" });
 */
export function authorizationHeaders(issuer: JwksIssuer, api: DemoApi) {
  const valid = { aud: api.audience, scope: api.scopes.join(" ") };
  let stranger: ReturnType<JwksIssuer["strangerKey"]> | undefined;
  return async (auth: AuthorizationCase): Promise<string | undefined> => {
    switch (auth.kind) {
      case "valid":
        return `Bearer ${await issuer.sign(valid)}`;
      case "changed claims":
        return `Bearer ${await issuer.sign({ ...valid, ...auth.changes } as never)}`;
      case "signed with a stranger key":
        return `Bearer ${await issuer.sign(valid, { key: await (stranger ??= issuer.strangerKey()) })}`;
      case "alg none": {
        const [, payload] = (await issuer.sign(valid)).split(".");
        return `Bearer ${b64(JSON.stringify({ alg: "none" }))}.${payload ?? ""}.`;
      }
      case "any text":
        return auth.text;
      case "Bearer and any text":
        return `Bearer ${auth.text}`;
      case "no header":
        return undefined;
    }
  };
}

/** A request body: a plausible change for either API, any JSON, one too large, or not JSON. */
export const bodies = fc.oneof(
  fc
    .record(
      {
        name: fc.oneof(fc.string({ maxLength: 90 }), fc.integer()),
        bio: fc.oneof(fc.string({ maxLength: 300 }), fc.constant(null)),
        favouriteColour: fc.constantFrom("blue", "green", "mauve", ""),
        item: fc.constantFrom("Travel mug", ""),
        quantity: fc.integer({ min: -1, max: 1000 }),
        sub: fc.constant("someone-else"),
      },
      { requiredKeys: [] },
    )
    .map((body) => JSON.stringify(body)),
  fc.json({ maxDepth: 2 }),
  fc.integer({ min: 4000, max: 6000 }).map((size) => JSON.stringify({ bio: "x".repeat(size) })),
  fc.string({ maxLength: 80 }),
);

/** The Content-Type of a body: JSON, with parameters, or something else. */
export const contentTypes = fc.constantFrom(
  "application/json",
  "text/plain",
  "application/json; charset=utf-8",
);
