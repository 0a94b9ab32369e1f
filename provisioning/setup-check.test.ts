/**
 * `auth0:setup` and `auth0:check` against the local authorization server, started with an empty
 * tenant: the same Management API requests that they send to Auth0.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { apis } from "@/config/apis";
import { localClient } from "@/config/local-client";
import { paths } from "@/config/paths";
import { stepUpAction } from "@/config/step-up-action";
import { parseEnvLines } from "@/test-support/env-lines";
import { issuerForSuite } from "@/test-support/issuer-fixture";
import { appBaseUrl } from "@/test-support/oauth-flow";
import { runCheck } from "./check";
import { connectToTenant } from "./connect";
import { runSetup } from "./setup";

describe("auth0:setup and auth0:check from an empty tenant", () => {
  const issuer = issuerForSuite({ tenant: "empty" });
  const source = () => ({
    AUTH0_DOMAIN: issuer().url.replace(/\/$/, ""),
    APP_BASE_URL: appBaseUrl,
  });
  /** Runs a command with the suite's tenant and keeps what it prints. */
  async function run<T>(
    task: (options: { source: Record<string, string>; print: (line: string) => void }) => T,
  ): Promise<{ result: Awaited<T>; output: string }> {
    const lines: string[] = [];
    const result = await task({ source: source(), print: (line) => lines.push(line) });
    return { result, output: lines.join("\n") };
  }
  const setup = (dryRun = false) => run((options) => runSetup({ ...options, dryRun }));
  const check = () => run(runCheck);
  const management = () => connectToTenant(source()).management;

  test("check on the empty tenant fails, naming each problem with its fix", async () => {
    const { result, output } = await check();
    assert.equal(result.ok, false);
    assert.match(output, /✔ discovery .*issuer http:\/\/localhost:\d+\//);
    assert.match(output, /✔ client credentials of local-demo-app accepted/);
    assert.match(
      output,
      /✖ callback URL http:\/\/localhost:3000\/auth\/callback registered\n\s+fix: add it/,
    );
    assert.match(output, /✖ API https:\/\/orders-api\.example\.com with scopes/);
    assert.match(output, /✖ refresh token rotation on/);
    assert.match(output, /✖ grant types .*mfa-otp/);
    assert.match(output, /✖ MFA factor otp \(One-time Password\) enabled\n\s+fix: turn it on/);
    assert.match(output, /✖ Action "Step-up MFA for refunds" deployed .*\n\s+fix: create it/);
    assert.match(output, /✖ Action "Step-up MFA for refunds" bound to the post-login trigger/);
  });

  test("--dry-run prints the plan as a diff and changes nothing", async () => {
    const { result, output } = await setup(true);
    assert.ok(result.ok);
    assert.match(output, /Would change \(dry run, nothing is sent\)/);
    assert.match(output, /\+ API https:\/\/profile-api\.example\.com \(Profile API\)/);
    assert.match(output, /callbacks: \+ http:\/\/localhost:3000\/auth\/callback/);
    assert.match(output, /rotation_type: non-rotating → rotating/);
    assert.match(output, /~ MFA factor otp \(One-time Password\): off → on/);
    assert.match(output, /\+ Action "Step-up MFA for refunds" \(post-login\)/);
    assert.match(
      output,
      /policies: https:\/\/orders-api\.example\.com \+ read:orders write:orders refund:orders/,
    );
    const apisAfter = await management().resourceServers.list();
    assert.equal(apisAfter.data.length, 0, "the dry run created no API");
  });

  test("setup makes the changes, then check passes", async () => {
    const { result, output } = await setup();
    assert.ok(result.ok);
    const expected = Object.keys(apis).length + 3;
    assert.equal(result.changes, expected, "each API, the application, the factor, the Action");
    const [action] = (await management().actions.list({ actionName: stepUpAction.name })).data;
    assert.equal(action?.code, stepUpAction.code);
    assert.equal(action?.all_changes_deployed, true);
    assert.match(output, /Local mode: the app needs no \.env\.local/);
    const checked = await check();
    assert.equal(checked.result.ok, true, checked.output);
    assert.match(checked.output, /All checks passed\./);
  });

  test("setup a second time changes nothing", async () => {
    const { result, output } = await setup();
    assert.equal(result.changes, 0);
    assert.match(output, /nothing to change/);
  });

  describe("each misconfiguration is detected, with its fix and a failed check", () => {
    const orders = apis.orders.audience;
    const breaks: [string, () => Promise<unknown>, RegExp][] = [
      [
        "policy missing an API",
        async () => {
          const { refresh_token } = await management().clients.get(localClient.clientId);
          const policies = refresh_token?.policies?.filter((p) => p.audience !== orders) ?? [];
          await management().clients.update(localClient.clientId, {
            refresh_token: { rotation_type: "rotating", expiration_type: "expiring", policies },
          });
        },
        /✖ refresh token policy covers https:\/\/orders-api\.example\.com .*\n\s+fix: .*silent-fallback trap/,
      ],
      [
        "offline access off",
        () => management().resourceServers.update(orders, { allow_offline_access: false }),
        /✖ API https:\/\/orders-api\.example\.com allows offline access\n\s+fix: turn on Allow Offline Access/,
      ],
      [
        "callback missing",
        () =>
          management().clients.update(localClient.clientId, {
            callbacks: [`${appBaseUrl}${paths.dpopRoutes.callback}`],
          }),
        /✖ callback URL .*\/auth\/callback registered\n\s+fix: add it to the application's Allowed Callback URLs/,
      ],
      [
        "the DPoP client's callback missing",
        () =>
          management().clients.update(localClient.clientId, {
            callbacks: [`${appBaseUrl}/auth/callback`],
          }),
        /✖ callback URL .*\/auth\/dpop\/callback registered\n\s+fix: add it/,
      ],
      [
        "step-up Action unbound",
        () => management().actions.triggers.bindings.updateMany("post-login", { bindings: [] }),
        /✖ Action "Step-up MFA for refunds" bound to the post-login trigger .*\n\s+fix: drag it into the flow/,
      ],
      [
        "step-up Action's code changed and not deployed",
        async () => {
          const [action] = (await management().actions.list({ actionName: stepUpAction.name }))
            .data;
          await management().actions.update(action?.id ?? "", {
            code: "exports.onExecutePostLogin = async () => {};",
          });
        },
        /✖ Action "Step-up MFA for refunds" deployed with this app's step-up code\n\s+fix: replace its code/,
      ],
      [
        "DPoP not required for the Payments API",
        () =>
          management().resourceServers.update(apis.payments.audience, {
            proof_of_possession: { mechanism: "dpop", required: false },
          }),
        /✖ API https:\/\/payments-api\.example\.com accepts only DPoP-bound tokens\n\s+fix: under APIs/,
      ],
      [
        "one-time password factor off",
        () => management().guardian.factors.set("otp", { enabled: false }),
        /✖ MFA factor otp \(One-time Password\) enabled\n\s+fix: turn it on/,
      ],
      [
        "rotation off",
        () =>
          management().clients.update(localClient.clientId, {
            refresh_token: { rotation_type: "non-rotating", expiration_type: "non-expiring" },
          }),
        /✖ refresh token rotation on .*\n\s+fix: turn on Refresh Token Rotation/,
      ],
    ];
    for (const [name, breakIt, expected] of breaks) {
      test(name, async () => {
        await breakIt();
        const { result, output } = await check();
        assert.equal(result.ok, false);
        assert.match(output, expected);
        assert.equal(output.match(/✖/g)?.length, 1, `only this problem is reported:\n${output}`);
        await setup();
        assert.equal((await check()).result.ok, true, "setup repairs it");
      });
    }
  });
});

describe("auth0:setup creates the Regular Web Application when none is configured", () => {
  const issuer = issuerForSuite({ tenant: "empty" });
  const domain = () => issuer().url.replace(/\/$/, "");
  let printed: Record<string, string> = {};

  async function run<T>(
    task: (options: { source: Record<string, string>; print: (line: string) => void }) => T,
    source: Record<string, string>,
  ): Promise<{ result: Awaited<T>; output: string }> {
    const lines: string[] = [];
    const result = await task({ source, print: (line) => lines.push(line) });
    return { result, output: lines.join("\n") };
  }

  test("--dry-run with --create-app plans the application and creates nothing", async () => {
    const { result, output } = await run(
      (options) => runSetup({ ...options, dryRun: true, createApp: true }),
      { AUTH0_DOMAIN: domain() },
    );
    const expected = Object.keys(apis).length + 3;
    assert.equal(result.changes, expected, "each API, the application, the factor, the Action");
    assert.match(
      output,
      /\+ application "Next\.js access tokens demo" \(Regular Web Application\)/,
    );
    assert.match(output, /refresh_token\.policies: https:\/\/orders-api\.example\.com read:orders/);
    const clients = await connectToTenant({ AUTH0_DOMAIN: domain() }).management.clients.list();
    assert.equal(clients.data.length, 2, "only the demo app and the management application");
  });

  test("setup creates it and prints the .env.local lines with its credentials", async () => {
    const { result, output } = await run(
      (options) => runSetup({ ...options, dryRun: false, createApp: true }),
      { AUTH0_DOMAIN: domain(), APP_BASE_URL: "http://localhost:3461" },
    );
    assert.ok(result.ok, output);
    assert.ok(result.created);
    printed = parseEnvLines(output);
    assert.deepEqual(Object.keys(printed).sort(), [
      "APP_BASE_URL",
      "AUTH0_CLIENT_ID",
      "AUTH0_CLIENT_SECRET",
      "AUTH0_DOMAIN",
      "AUTH0_SECRET",
    ]);
    assert.equal(printed.AUTH0_CLIENT_ID, result.created.clientId);
    assert.equal(printed.AUTH0_CLIENT_SECRET, result.created.clientSecret);
    assert.equal(printed.AUTH0_DOMAIN, domain());
    assert.equal(printed.APP_BASE_URL, "http://localhost:3461");
    assert.match(printed.AUTH0_SECRET ?? "", /^[0-9a-f]{64}$/);
    assert.notEqual(printed.AUTH0_CLIENT_ID, localClient.clientId);
  });

  test("check passes with the printed lines alone", async () => {
    const { result, output } = await run(runCheck, printed);
    assert.equal(result.ok, true, output);
    assert.match(output, new RegExp(`✔ client credentials of ${printed.AUTH0_CLIENT_ID} accepted`));
  });

  test("a second run with the printed id changes nothing", async () => {
    const { result, output } = await run(
      (options) => runSetup({ ...options, dryRun: false }),
      printed,
    );
    assert.equal(result.changes, 0, output);
    assert.equal(result.created, undefined);
    assert.match(output, /nothing to change/);
    assert.match(output, new RegExp(`AUTH0_CLIENT_ID=${printed.AUTH0_CLIENT_ID}`));
    const clients = await connectToTenant(printed).management.clients.list();
    assert.equal(clients.data.length, 3, "one application created, once");
  });
});

describe("local mode needs no configuration", () => {
  const issuer = issuerForSuite();

  test("the default local tenant (what npm run dev runs) passes auth0:check with only its URL", async () => {
    const lines: string[] = [];
    const { ok } = await runCheck({
      source: { AUTH0_DOMAIN: issuer().url.replace(/\/$/, "") },
      print: (line) => lines.push(line),
    });
    assert.equal(ok, true, lines.join("\n"));
    assert.doesNotMatch(lines.join("\n"), /✖/);
  });
});
