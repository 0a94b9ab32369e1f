/**
 * The playground's explanation against the local authorization server's own MRRT decision
 * (`resolveMrrt`, which its contract tests hold to Auth0's documented rules): for any policy,
 * sign-in grant and request, the rule and the narrowed scopes read off the answer are the ones
 * the server applied.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { apis, oidcScopes } from "@/config/apis";
import { resolveMrrt } from "@/local-issuer/oauth/mrrt-policy";
import { FIXED_SEED, randomSeed } from "@/test-support/surface-property";
import { explainAnswer, type PolicyEntry } from "./explain-answer";

const ISSUER = "http://localhost:4000/";
const apiList = Object.values(apis);
const allScopes = [...oidcScopes, ...apiList.flatMap((api) => api.scopes), "delete:orders"];
const RULE_NAMES = {
  1: "no-audience",
  2: "policy-match",
  4: "audience-fallback",
  5: "sign-in-audience",
};

const policies = fc.uniqueArray(
  fc.record({
    audience: fc.constantFrom(...apiList.map((api) => api.audience)),
    scope: fc.subarray(apiList.flatMap((api) => [...api.scopes])),
  }),
  { selector: (entry) => entry.audience, maxLength: 3 },
);
const requests = fc.record({
  audience: fc.option(fc.constantFrom(...apiList.map((api) => api.audience)), { nil: undefined }),
  scopes: fc.option(fc.subarray(allScopes, { minLength: 1 }), { nil: undefined }),
});
const strictness = fc.boolean();

describe("explainAnswer reads the rule the authorization server applied", () => {
  for (const seed of [FIXED_SEED, randomSeed]) {
    test(`500 generated policies and requests, seed ${seed}`, () => {
      fc.assert(
        fc.property(policies, requests, strictness, (policy, request, strict) => {
          const login = {
            audience: apis.profile.audience,
            scopes: [...oidcScopes, "read:profile"],
          };
          const decision = resolveMrrt(policy, login, request, strict);
          const sent = { audience: request.audience, scope: request.scopes?.join(" ") };
          const answer = decision.ok
            ? {
                ok: true as const,
                aud: decision.audience ? [decision.audience, `${ISSUER}userinfo`] : [],
                scope: decision.scopes.join(" "),
              }
            : { ok: false as const, code: "access_denied", description: decision.description };
          const explained = explainAnswer(
            policy as PolicyEntry[],
            apis.profile.audience,
            sent,
            answer,
          );
          if (!decision.ok) {
            assert.equal(explained.rule, "refused");
            return;
          }
          assert.equal(explained.rule, RULE_NAMES[decision.rule]);
          assert.equal(explained.ruleNumber, decision.rule);
          assert.deepEqual(explained.narrowed, decision.dropped);
        }),
        { numRuns: 500, seed },
      );
    });
  }

  test("a refusal for another reason is not taken for strict mode", () => {
    const explained = explainAnswer(
      [{ audience: apis.orders.audience, scope: ["read:orders"] }],
      apis.profile.audience,
      { audience: apis.orders.audience },
      { ok: false, code: "invalid_grant", description: "grant not found" },
    );
    assert.equal(explained.rule, "failed");
    assert.deepEqual(explained.details, ["invalid_grant: grant not found"]);
  });

  test("mfa_required is step-up, not an MRRT rule: the refresh token was not spent", () => {
    const explained = explainAnswer(
      [{ audience: apis.orders.audience, scope: ["read:orders", "refund:orders"] }],
      apis.profile.audience,
      { audience: apis.orders.audience, scope: "refund:orders" },
      { ok: false, code: "mfa_required" },
    );
    assert.equal(explained.rule, "step-up");
    assert.equal(explained.ruleNumber, undefined);
    assert.match(explained.details.join(" "), /neither rotated nor spent/);
  });

  test("rotation is said from the application's settings, only for a granted token", () => {
    const granted = { ok: true as const, aud: [apis.profile.audience], scope: "openid" };
    const rotating = { rotation_type: "rotating", leeway: 3 };
    assert.match(
      explainAnswer([], apis.profile.audience, {}, granted, rotating).rotation ?? "",
      /after 3 s/,
    );
    assert.match(
      explainAnswer([], apis.profile.audience, {}, granted, { rotation_type: "non-rotating" })
        .rotation ?? "",
      /keeps its refresh token/,
    );
    const refused = { ok: false as const, code: "invalid_grant" };
    assert.equal(
      explainAnswer([], apis.profile.audience, {}, refused, rotating).rotation,
      undefined,
    );
  });
});
