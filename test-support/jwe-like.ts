import fc from "fast-check";

const b64url = (text: string) => Buffer.from(text).toString("base64url");

/**
 * A compact-JWE-shaped value whose protected header is any mix of what jose might be handed: the
 * forged session cookies of the cookie guard's property (`pure-properties.ts`) and of the token
 * route's (`token-route-requests.ts`).
 *
 * @example
 * fc.sample(jweLike, 1); // ["eyJhbGciOiJSU0EtT0FFUCJ9..aXY.eA.dA"]
 */
export const jweLike = fc
  .record(
    {
      alg: fc.constantFrom("dir", "RSA-OAEP", "PBES2-HS256+A128KW", "ECDH-ES", "A128KW", "none"),
      enc: fc.constantFrom("A256GCM", "A128GCM", "A128CBC-HS256", "XYZ"),
      zip: fc.constant("DEF"),
      crit: fc.constant(["exp"]),
      p2c: fc.integer({ min: 1, max: 10_000_000 }),
    },
    { requiredKeys: [] },
  )
  .map(
    (header) => `${b64url(JSON.stringify(header))}..${b64url("iv")}.${b64url("x")}.${b64url("t")}`,
  );
