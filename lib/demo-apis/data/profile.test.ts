import assert from "node:assert/strict";
import { test } from "node:test";
import { defaultProfile } from "./profile";

test("the local demo users start with their own name and email", () => {
  const profile = defaultProfile("auth0|local-second-user");
  assert.equal(profile.name, "Second User");
  assert.equal(profile.email, "second@example.com");
});

test("anyone else gets a name and email made up from the sub", () => {
  const profile = defaultProfile("google-oauth2|123");
  assert.equal(profile.name, "Demo user google-oauth2-123");
  assert.equal(profile.email, "google-oauth2-123@example.com");
});
