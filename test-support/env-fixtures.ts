/**
 * Test-only: what the environment parsers' unit tests share: the problems a parser stops with, a
 * DPoP key pair as PEM, and a complete tenant configuration.
 */
import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { EnvError } from "@/lib/env/env-error";

/**
 * The problems `parse` stops with for `source` (it must stop).
 *
 * @example
 * problemsOf(parseEnv, { AUTH0_DOMAIN: "https://x" }); // ["AUTH0_DOMAIN …"]
 */
export function problemsOf<Source>(parse: (source: Source) => unknown, source: Source): string[] {
  try {
    parse(source);
  } catch (error) {
    assert.ok(error instanceof EnvError);
    return error.problems;
  }
  assert.fail("expected an EnvError");
}

/** A fresh key pair as `AUTH0_DPOP_PUBLIC_KEY` / `AUTH0_DPOP_PRIVATE_KEY` (EC P-256 unless RSA). */
export function dpopKeyVariables(type: "ec" | "rsa" = "ec") {
  const pair =
    type === "ec"
      ? generateKeyPairSync("ec", { namedCurve: "P-256" })
      : generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    AUTH0_DPOP_PUBLIC_KEY: pair.publicKey.export({ type: "spki", format: "pem" }).toString(),
    AUTH0_DPOP_PRIVATE_KEY: pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
}

/** A tenant's variables, all given (NODE_ENV unset: production), without the DPoP key pair. */
export const tenantWithoutDpopKey = {
  AUTH0_DOMAIN: "my-tenant.us.auth0.com",
  AUTH0_CLIENT_ID: "abc",
  AUTH0_CLIENT_SECRET: "shh",
  AUTH0_SECRET: "6dce9ba274b68b3cee4a8454dec0e7609c5ea27f18e776a9f1cc639eb532efe7",
  APP_BASE_URL: "https://app.example.com",
};
