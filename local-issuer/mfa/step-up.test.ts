import assert from "node:assert/strict";
import { test } from "node:test";
import { applyStepUp } from "./step-up";

const orders = "https://orders-api.example.com";
const rules = { [orders]: ["refund:orders"] };
const granted = ["openid", "read:orders", "write:orders", "refund:orders"];

test("a step-up scope not asked for by name is removed, like removeScope in an Action", () => {
  assert.deepEqual(applyStepUp(orders, granted, undefined, ["mfa"], rules), {
    kind: "grant",
    scopes: ["openid", "read:orders", "write:orders"],
    removed: ["refund:orders"],
  });
});

test("a step-up scope asked for without MFA at login requires MFA", () => {
  const outcome = applyStepUp(orders, granted, ["openid", "refund:orders"], ["pwd"], rules);
  assert.deepEqual(outcome, { kind: "mfa_required", scopes: granted });
});

test("a step-up scope asked for after an MFA login is granted", () => {
  const outcome = applyStepUp(orders, granted, ["refund:orders"], ["pwd", "mfa"], rules);
  assert.deepEqual(outcome, { kind: "grant", scopes: granted, removed: [] });
});

test("other APIs and scopes the policy dropped are left alone", () => {
  const profile = ["openid", "read:profile"];
  assert.deepEqual(applyStepUp("https://profile", profile, undefined, undefined, rules), {
    kind: "grant",
    scopes: profile,
    removed: [],
  });
  const withoutRefund = ["openid", "read:orders"];
  const outcome = applyStepUp(orders, withoutRefund, ["refund:orders"], undefined, rules);
  assert.deepEqual(outcome, { kind: "grant", scopes: withoutRefund, removed: [] });
});
