import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { apis } from "@/config/apis";
import { profileResponseSchema } from "@/lib/demo-apis/contracts/profile-contract";
import { apiErrorBodySchema } from "@/lib/demo-apis/contracts/shared-contract";
import {
  assertApiSecurityHeaders,
  startApiRouteIssuer,
  TEST_APP_ORIGIN,
} from "@/test-support/api-route-issuer";

const APP = TEST_APP_ORIGIN;
const PROFILE_URL = `${APP}/api/profile/me`;

const issuer = await startApiRouteIssuer();
const { GET, PATCH, OPTIONS, ...others } = await import("./route");

async function bearer(sub: string, scope = "read:profile write:profile") {
  // Shaped like Auth0's: an array audience that also names the issuer's userinfo endpoint.
  const aud = [apis.profile.audience, `${issuer.issuerUrl}userinfo`];
  return `Bearer ${await issuer.sign({ sub, scope, aud })}`;
}

async function read(sub: string) {
  const response = await GET(
    new Request(PROFILE_URL, { headers: { Authorization: await bearer(sub) } }),
  );
  assert.equal(response.status, 200);
  return response.json();
}

async function patch(sub: string, body: string, contentType = "application/json") {
  return PATCH(
    new Request(PROFILE_URL, {
      method: "PATCH",
      headers: { Authorization: await bearer(sub), "Content-Type": contentType, Origin: APP },
      body,
    }),
  );
}

/** Sends a PATCH that must be refused, and returns the field the refusal names. */
async function refusedField(body: string, contentType?: string): Promise<string> {
  const response = await patch("user-v", body, contentType);
  assert.equal(response.status, 400);
  const json = await response.json();
  assert.equal(json.error, "invalid_body");
  assert.equal(json.field, json.issues[0].field);
  assert.match(json.error_description, new RegExp(`^${json.field}: `));
  return json.field;
}

describe("GET /api/profile/me", () => {
  test("returns a default profile for the token's sub, and what the token carried", async () => {
    const body = await read("auth0|user-g");
    assert.equal(body.sub, "auth0|user-g");
    assert.equal(body.email, "auth0-user-g@example.com");
    for (const field of ["name", "bio", "favouriteColour", "updatedAt"]) assert.ok(field in body);
    assert.deepEqual(body.token.aud, [apis.profile.audience, `${issuer.issuerUrl}userinfo`]);
    assert.equal(body.token.scope, "read:profile write:profile");
  });

  test("needs read:profile", async () => {
    const response = await GET(
      new Request(PROFILE_URL, { headers: { Authorization: await bearer("u", "write:profile") } }),
    );
    assert.equal(response.status, 403);
    assert.match(response.headers.get("WWW-Authenticate") ?? "", /scope="read:profile"/);
  });
});

describe("PATCH /api/profile/me", () => {
  test("changes the caller's profile and returns it", async () => {
    const response = await patch("user-p", JSON.stringify({ name: "  Ada  ", bio: "Hi" }));
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("Access-Control-Allow-Origin"), APP);
    const updated = await response.json();
    assert.equal(updated.name, "Ada");
    assert.equal(updated.bio, "Hi");
    assert.equal((await read("user-p")).name, "Ada");
  });

  test("changes nobody else's profile", async () => {
    const before = await read("user-b");
    await patch("user-a", JSON.stringify({ favouriteColour: "green", name: "Only A" }));
    assert.equal((await read("user-a")).name, "Only A");
    assert.deepEqual(await read("user-b"), before);
  });

  test("needs write:profile", async () => {
    const response = await PATCH(
      new Request(PROFILE_URL, {
        method: "PATCH",
        headers: { Authorization: await bearer("u", "read:profile") },
        body: "{}",
      }),
    );
    assert.equal(response.status, 403);
    assert.match(response.headers.get("WWW-Authenticate") ?? "", /scope="write:profile"/);
  });

  test("answers and refusals keep the contract the browser reads", async () => {
    const ok = await patch("user-c", JSON.stringify({ favouriteColour: "violet" }));
    profileResponseSchema.strict().parse(await ok.json());
    const refused = await patch("user-c", JSON.stringify({ favouriteColour: "teal", x: 1 }));
    apiErrorBodySchema.strict().parse(await refused.json());
  });

  test("every answer carries the security headers, a refused body included", async () => {
    assertApiSecurityHeaders(await patch("user-h", JSON.stringify({ name: "Ada" })), "200");
    assertApiSecurityHeaders(await patch("user-h", "{"), "400 invalid_body");
  });

  test("refuses an unknown field", async () => {
    assert.equal(await refusedField(JSON.stringify({ favoriteColour: "red" })), "favoriteColour");
  });

  test("refuses a wrong type", async () => {
    assert.equal(await refusedField(JSON.stringify({ bio: 42 })), "bio");
    assert.equal(await refusedField(JSON.stringify({ name: null })), "name");
    assert.equal(await refusedField(JSON.stringify(["name"])), "body");
  });

  test("refuses oversize and empty values", async () => {
    assert.equal(await refusedField(JSON.stringify({ name: "x".repeat(81) })), "name");
    assert.equal(await refusedField(JSON.stringify({ name: "   " })), "name");
    assert.equal(await refusedField(JSON.stringify({ bio: "x".repeat(281) })), "bio");
  });

  test("refuses a colour outside the list", async () => {
    assert.equal(
      await refusedField(JSON.stringify({ favouriteColour: "#ff0000" })),
      "favouriteColour",
    );
  });

  test("refuses an empty object", async () => {
    assert.equal(await refusedField("{}"), "body");
  });

  test("refuses invalid JSON, another content type, and a body over 4 KiB", async () => {
    assert.equal(await refusedField('{"name": "Ada"'), "body");
    assert.equal(await refusedField(JSON.stringify({ name: "Ada" }), "text/plain"), "body");
    assert.equal(await refusedField(JSON.stringify({ bio: "x".repeat(5000) })), "body");
  });
});

describe("OPTIONS /api/profile/me", () => {
  test("lists GET and PATCH in the preflight answer", () => {
    const response = OPTIONS(
      new Request(PROFILE_URL, { method: "OPTIONS", headers: { Origin: APP } }),
    );
    assert.equal(response.status, 204);
    assert.equal(response.headers.get("Access-Control-Allow-Methods"), "GET, PATCH, OPTIONS");
    assertApiSecurityHeaders(response, "preflight");
  });
});

describe("POST, PUT and DELETE /api/profile/me", () => {
  test("answer the API's 405, naming what it serves, with its headers", () => {
    for (const [method, handler] of Object.entries(others)) {
      const response = handler(new Request(PROFILE_URL, { method, headers: { Origin: APP } }));
      assert.equal(response.status, 405, method);
      assert.equal(response.headers.get("Allow"), "GET, PATCH, OPTIONS", method);
      assertApiSecurityHeaders(response, method);
    }
    assert.deepEqual(Object.keys(others).sort(), ["DELETE", "POST", "PUT"]);
  });
});
