import assert from "node:assert/strict";
import { test } from "node:test";
import { apis } from "@/config/apis";
import { defaultRefreshTokenPolicies } from "../config";
import { resolveMrrt } from "./mrrt-policy";

const login = {
  audience: apis.profile.audience,
  scopes: ["openid", "profile", "offline_access", "read:profile"],
};
const decide = (audience: string | undefined, scope?: string, strict = false) =>
  resolveMrrt(defaultRefreshTokenPolicies, login, { audience, scopes: scope?.split(" ") }, strict);

test("resolveMrrt: the rule that decides each kind of request", () => {
  assert.deepEqual(
    [undefined, apis.orders.audience, apis.reports.audience, apis.profile.audience].map((aud) => {
      const decision = decide(aud);
      return decision.ok ? decision.rule : "refused";
    }),
    [1, 2, 4, 5],
  );
});

test("resolveMrrt: rule 3 reports the dropped scopes; OIDC scopes are never 'dropped'", () => {
  const decision = decide(apis.orders.audience, "openid email read:orders delete:orders");
  assert.ok(decision.ok);
  assert.deepEqual(decision.scopes, ["openid", "read:orders"]);
  assert.deepEqual(decision.dropped, ["delete:orders"]);
});

test("resolveMrrt: strict mode refuses an audience outside the policy, naming it", () => {
  const decision = decide(apis.reports.audience, undefined, true);
  assert.equal(decision.ok, false);
  assert.match(decision.ok ? "" : decision.description, /reports-api\.example\.com/);
});

test("resolveMrrt: a login without audience refreshes into an opaque /userinfo token", () => {
  const decision = resolveMrrt(
    defaultRefreshTokenPolicies,
    { audience: undefined, scopes: ["openid", "offline_access"] },
    { audience: undefined, scopes: undefined },
    false,
  );
  assert.deepEqual(decision, {
    ok: true,
    rule: 1,
    audience: undefined,
    scopes: ["openid", "offline_access"],
    dropped: [],
  });
});
