/**
 * Contract tests: the local subset of Auth0's Management API v2 (shapes, errors) and that what it
 * receives takes effect in the authorization server, for real.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { apis } from "@/config/apis";
import { localClient } from "@/config/local-client";
import { localManagementClient, managementScopes } from "@/config/local-management-client";
import { join } from "node:path";
import { TenantStore } from "@/local-issuer/tenant/state";
import { issuerForSuite } from "@/test-support/issuer-fixture";
import { authorize, claimsOf, login, refresh } from "@/test-support/oauth-flow";

describe("Management API v2 (local subset)", () => {
  const issuer = issuerForSuite();
  const appPath = `api/v2/clients/${localClient.clientId}`;

  async function managementToken(scope?: string): Promise<string> {
    const response = await fetch(new URL("oauth/token", issuer().url), {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: localManagementClient.clientId,
        client_secret: localManagementClient.clientSecret,
        audience: `${issuer().url}api/v2/`,
        ...(scope ? { scope } : {}),
      }),
    });
    const body = (await response.json()) as { access_token?: string };
    assert.equal(response.status, 200, JSON.stringify(body));
    return body.access_token ?? "";
  }

  async function call(path: string, init: RequestInit & { token?: string } = {}) {
    const token = init.token ?? (await managementToken());
    const response = await fetch(new URL(path, issuer().url), {
      ...init,
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }
  const patch = (path: string, body: unknown) =>
    call(path, { method: "PATCH", body: JSON.stringify(body) });

  test("client credentials: an Auth0-shaped token for <issuer>api/v2/ with the granted scopes", async () => {
    const claims = claimsOf(await managementToken());
    assert.equal(claims.aud, `${issuer().url}api/v2/`);
    assert.equal(claims.sub, `${localManagementClient.clientId}@clients`);
    assert.deepEqual(String(claims.scope).split(" ").sort(), [...managementScopes].sort());
  });

  test("GET resource-servers and a client: Auth0's shapes", async () => {
    const list = await call("api/v2/resource-servers?include_totals=true");
    assert.equal(list.status, 200);
    assert.equal(list.body.total, Object.keys(apis).length);
    const [first] = list.body.resource_servers as Record<string, unknown>[];
    assert.equal(first?.identifier, apis.profile.audience);
    assert.deepEqual(first?.scopes, [
      { value: "read:profile", description: "" },
      { value: "write:profile", description: "" },
    ]);
    const payments = await call(
      `api/v2/resource-servers/${encodeURIComponent(apis.payments.audience)}`,
    );
    assert.deepEqual(payments.body.proof_of_possession, { mechanism: "dpop", required: true });
    assert.equal(first?.proof_of_possession, undefined, "only the Payments API requires DPoP");
    const { body } = await call(appPath);
    assert.deepEqual(body.callbacks, [
      "http://localhost:3000/auth/callback",
      "http://localhost:3000/auth/dpop/callback",
    ]);
    assert.equal((body.refresh_token as Record<string, unknown>).rotation_type, "rotating");
  });

  test("errors: 401 without token, 403 insufficient scope, 404 unknown id, 400 bad body", async () => {
    assert.deepEqual(await call(appPath, { token: "" }), {
      status: 401,
      body: { statusCode: 401, error: "Unauthorized", message: "Missing authentication" },
    });
    const readOnly = await managementToken("read:clients");
    assert.deepEqual(await call(appPath, { method: "PATCH", body: "{}", token: readOnly }), {
      status: 403,
      body: {
        statusCode: 403,
        error: "Forbidden",
        message: "Insufficient scope, expected any of: update:clients",
        errorCode: "insufficient_scope",
      },
    });
    const unknown = await call("api/v2/clients/no-such-client");
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.errorCode, "inexistent_client");
    const wrongType = await patch(appPath, { callbacks: "http://localhost:3000" });
    assert.equal(wrongType.status, 400);
    assert.equal(wrongType.body.errorCode, "invalid_body");
    assert.match(String(wrongType.body.message), /on property callbacks/);
    const extra = await patch(appPath, { colour: "blue" });
    assert.match(String(extra.body.message), /Additional properties not allowed: colour/);
    const notJson = await call(appPath, { method: "PATCH", body: "{" });
    assert.equal(notJson.body.message, "Invalid request payload JSON format");
  });

  test("a malformed % escape in the id: Auth0's 400, before the token is checked", async () => {
    const refused = {
      status: 400,
      body: {
        statusCode: 400,
        error: "Bad Request",
        message: "Invalid request URI: the path has a malformed % escape.",
      },
    };
    for (const path of ["api/v2/clients/%E0%A4%A", "api/v2/resource-servers/%"]) {
      assert.deepEqual(await call(path, { token: "" }), refused, path);
      assert.deepEqual(await call(path), refused, path);
    }
  });

  test("a policy without the Orders API: a refresh for it silently falls back to the login audience", async () => {
    const { body: tokens } = await login(issuer().url, { audience: apis.profile.audience });
    const before = await refresh(issuer().url, tokens.refresh_token ?? "", {
      audience: apis.orders.audience,
    });
    assert.equal((claimsOf(before.body.access_token).aud as string[])[0], apis.orders.audience);

    const changed = await patch(appPath, {
      refresh_token: {
        rotation_type: "rotating",
        expiration_type: "expiring",
        policies: [{ audience: apis.profile.audience, scope: apis.profile.scopes }],
      },
    });
    assert.equal(changed.status, 200);
    const after = await refresh(issuer().url, before.body.refresh_token ?? "", {
      audience: apis.orders.audience,
    });
    assert.equal(after.status, 200, "no error: the audience is silently ignored");
    assert.equal((claimsOf(after.body.access_token).aud as string[])[0], apis.profile.audience);
  });

  test("rotation off: the refresh answer carries no refresh token and the old one keeps working", async () => {
    const { body: tokens } = await login(issuer().url, { audience: apis.profile.audience });
    await patch(appPath, {
      refresh_token: { rotation_type: "non-rotating", expiration_type: "non-expiring" },
    });
    const first = await refresh(issuer().url, tokens.refresh_token ?? "");
    const second = await refresh(issuer().url, tokens.refresh_token ?? "");
    assert.equal(first.status, 200);
    assert.equal(first.body.refresh_token, undefined);
    assert.equal(second.status, 200, "no reuse detection without rotation");
  });

  test("a callback URL removed: /authorize refuses it", async () => {
    assert.equal((await authorize(issuer().url)).kind, "code");
    await patch(appPath, { callbacks: ["http://localhost:3999/auth/callback"] });
    const refused = await authorize(issuer().url);
    assert.equal(refused.kind, "page");
    assert.match(refused.kind === "page" ? refused.html : "", /redirect_uri/);
  });

  test("an API created through the API can be asked for at /authorize", async () => {
    const audience = "https://invoices-api.example.com";
    await patch(appPath, { callbacks: ["http://localhost:3000/auth/callback"] });
    assert.equal((await authorize(issuer().url, { audience })).kind, "error");
    const created = await call("api/v2/resource-servers", {
      method: "POST",
      body: JSON.stringify({ identifier: audience, scopes: [{ value: "read:invoices" }] }),
    });
    assert.equal(created.status, 201);
    assert.match(String(created.body.id), /^[0-9a-f]{24}$/);
    const { body } = await login(issuer().url, { audience, scope: "openid read:invoices" });
    assert.equal((claimsOf(body.access_token).aud as string[])[0], audience);
  });

  test("POST clients: a Regular Web Application with generated credentials, Auth0's shape, usable at once", async () => {
    const created = await call("api/v2/clients", {
      method: "POST",
      body: JSON.stringify({
        name: "Created app",
        app_type: "regular_web",
        token_endpoint_auth_method: "client_secret_post",
        is_first_party: true,
        oidc_conformant: true,
        callbacks: ["http://localhost:3000/auth/callback"],
        allowed_logout_urls: ["http://localhost:3000"],
        grant_types: ["authorization_code", "refresh_token"],
        refresh_token: {
          rotation_type: "rotating",
          expiration_type: "expiring",
          leeway: 0,
          policies: [{ audience: apis.orders.audience, scope: ["read:orders"] }],
        },
      }),
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const { client_id, client_secret } = created.body;
    assert.match(String(client_id), /^[0-9a-f]{32}$/);
    assert.match(String(client_secret), /^[\w-]{64}$/);
    assert.equal(created.body.app_type, "regular_web");
    assert.equal(created.body.token_endpoint_auth_method, "client_secret_post");
    assert.deepEqual(created.body.grant_types, ["authorization_code", "refresh_token"]);

    const read = await call(`api/v2/clients/${String(client_id)}`);
    assert.equal(read.body.name, "Created app");
    assert.equal(read.body.client_secret, undefined, "shown once, without read:client_keys");

    const client = { clientId: String(client_id), clientSecret: String(client_secret) };
    const { status, body } = await login(issuer().url, { audience: apis.profile.audience, client });
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(claimsOf(body.access_token).azp, client.clientId);
    const orders = await refresh(issuer().url, body.refresh_token ?? "", {
      audience: apis.orders.audience,
      client,
    });
    assert.equal((claimsOf(orders.body.access_token).aud as string[])[0], apis.orders.audience);
    const ordersScopes = String(claimsOf(orders.body.access_token).scope).split(" ");
    assert.ok(ordersScopes.includes("read:orders"));
    assert.ok(!ordersScopes.includes("write:orders"), "this application's own policy applies");
    const wrongSecret = await refresh(issuer().url, orders.body.refresh_token ?? "", {
      client: { ...client, clientSecret: "not-the-secret" },
    });
    assert.equal(wrongSecret.body.error, "invalid_client");
  });

  test("POST clients: name required, unknown properties refused, create:clients needed", async () => {
    const unnamed = await call("api/v2/clients", { method: "POST", body: "{}" });
    assert.equal(unnamed.status, 400);
    assert.match(String(unnamed.body.message), /on property name/);
    const extra = await call("api/v2/clients", {
      method: "POST",
      body: JSON.stringify({ name: "x", colour: "blue" }),
    });
    assert.match(String(extra.body.message), /Additional properties not allowed: colour/);
    const readOnly = await managementToken("read:clients");
    const refused = await call("api/v2/clients", {
      method: "POST",
      body: JSON.stringify({ name: "x" }),
      token: readOnly,
    });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.message, "Insufficient scope, expected any of: create:clients");
  });

  test("changes are persisted: a restart on the same state folder reads them back", () => {
    const lines: string[] = [];
    const restarted = new TenantStore(
      join(issuer().stateDir, "tenant.json"),
      () => assert.fail("the tenant should come from tenant.json"),
      (line) => lines.push(line),
    );
    assert.ok(restarted.api("https://invoices-api.example.com"));
    assert.equal(
      restarted.client(localClient.clientId)?.refresh_token.rotation_type,
      "non-rotating",
    );
    assert.match(lines.join("\n"), /changed through the Management API/);
  });
});
