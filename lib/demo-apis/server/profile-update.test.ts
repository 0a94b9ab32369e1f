import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseProfileUpdate } from "./profile-update";

const fieldsOf = (value: unknown) => {
  const result = parseProfileUpdate(value);
  assert.ok(!result.ok && result.error.code === "invalid_body");
  return result.error.issues.map((issue) => issue.field);
};

describe("parseProfileUpdate", () => {
  test("accepts any subset of the editable fields, trimming the name", () => {
    assert.deepEqual(parseProfileUpdate({ name: " Ada ", bio: "", favouriteColour: "blue" }), {
      ok: true,
      value: { name: "Ada", bio: "", favouriteColour: "blue" },
    });
  });

  test("names every unknown field, each as its own issue", () => {
    assert.deepEqual(fieldsOf({ name: "Ada", email: "a@b.c", sub: "other-user" }), [
      "email",
      "sub",
    ]);
  });

  test("names each field with a problem", () => {
    assert.deepEqual(fieldsOf({ name: "", bio: 1, favouriteColour: "teal" }), [
      "name",
      "bio",
      "favouriteColour",
    ]);
  });

  test("refuses what is not an object, and an object with no field", () => {
    assert.deepEqual(fieldsOf("Ada"), ["body"]);
    assert.deepEqual(fieldsOf(null), ["body"]);
    assert.deepEqual(fieldsOf({}), ["body"]);
  });
});
