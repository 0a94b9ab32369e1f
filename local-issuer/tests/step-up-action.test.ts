/**
 * Contract tests: the step-up Action and the factors through the Management API, and that the
 * Action is the rule: on Auth0, `refund:orders` needs a second factor only while the Action that
 * asks for it is deployed and bound to the post-login trigger; locally too.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { stepUpAction } from "@/config/step-up-action";
import { connectToTenant } from "@/provisioning/connect";
import { issuerForSuite } from "@/test-support/issuer-fixture";
import { refreshTokenOf, refundAsk } from "@/test-support/mfa-flow";
import { claimsOf, refresh } from "@/test-support/oauth-flow";

describe("the step-up Action through the Management API", () => {
  const issuer = issuerForSuite();
  const management = () =>
    connectToTenant({ AUTH0_DOMAIN: issuer().url.replace(/\/$/, "") }).management;

  test("the default tenant has the one-time password factor on and the Action deployed and bound", async () => {
    const factors = await management().guardian.factors.list();
    assert.deepEqual(
      factors.filter((factor) => factor.enabled).map((factor) => factor.name),
      ["otp"],
    );
    const [action] = (await management().actions.list({ actionName: stepUpAction.name })).data;
    assert.equal(action?.code, stepUpAction.code);
    assert.equal(action?.all_changes_deployed, true);
    const bindings = (await management().actions.triggers.bindings.list("post-login")).data;
    assert.deepEqual(
      bindings.map((binding) => binding.action?.id),
      [action?.id],
    );
  });

  test("unbound, refund:orders needs no second factor (as on a tenant without it); bound again, mfa_required", async () => {
    const [action] = (await management().actions.list({ actionName: stepUpAction.name })).data;
    await management().actions.triggers.bindings.updateMany("post-login", { bindings: [] });
    try {
      const granted = await refresh(issuer().url, await refreshTokenOf(issuer().url), refundAsk);
      assert.equal(granted.status, 200, JSON.stringify(granted.body));
      assert.match(String(claimsOf(granted.body.access_token).scope), /\brefund:orders\b/);
    } finally {
      await management().actions.triggers.bindings.updateMany("post-login", {
        bindings: [{ ref: { type: "action_id", value: action?.id ?? "" } }],
      });
    }
    const refused = await refresh(issuer().url, await refreshTokenOf(issuer().url), refundAsk);
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error, "mfa_required");
  });

  test("the deployed code is the rule, not the name: a renamed Action still asks for a second factor", async () => {
    const [action] = (await management().actions.list({ actionName: stepUpAction.name })).data;
    await management().actions.update(action?.id ?? "", { name: "Renamed" });
    try {
      const refused = await refresh(issuer().url, await refreshTokenOf(issuer().url), refundAsk);
      assert.equal(refused.status, 403);
      assert.equal(refused.body.error, "mfa_required");
    } finally {
      await management().actions.update(action?.id ?? "", { name: stepUpAction.name });
    }
  });

  test("an Action must be deployed before it is bound; a factor Auth0 does not have is a 400", async () => {
    const { id } = await management().actions.create({
      name: "Not deployed",
      supported_triggers: [{ id: "post-login", version: "v3" }],
      code: "exports.onExecutePostLogin = async () => {};",
    });
    await assert.rejects(
      management().actions.triggers.bindings.updateMany("post-login", {
        bindings: [{ ref: { type: "action_id", value: id ?? "" } }],
      }),
      (error: { statusCode?: number }) => error.statusCode === 400,
    );
    await assert.rejects(
      // @ts-expect-error: not one of Auth0's factor names
      management().guardian.factors.set("carrier-pigeon", { enabled: true }),
      (error: { statusCode?: number }) => error.statusCode === 400,
    );
    // The flow is as it was.
    const bindings = (await management().actions.triggers.bindings.list("post-login")).data;
    assert.equal(bindings.length, 1);
  });
});
