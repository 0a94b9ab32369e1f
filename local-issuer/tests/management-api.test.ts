/**
 * Contract tests: the local subset of Auth0's Management API v2 (shapes, errors) and that what it
 * receives takes effect in the authorization server, for real.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { apis } from "@/config/apis";
import { localClient } from "@/config/local-client";
import { localManagementClient } from "@/config/local-management-client";
import { join } from "node:path";
import { TenantStore } from "@/local-issuer/tenant-state";
import { issuerForSuite } from "./issuer-fixture";
import { authorize, claimsOf, login, refresh } from "./oauth-flow";

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
    assert.match(String(claims.scope), /read:clients update:clients read:resource_servers/);
  });

  test("GET resource-servers and a client: Auth0's shapes", async () => {
    const list = await call("api/v2/resource-servers?include_totals=true");
    assert.equal(list.status, 200);
    assert.equal(list.body.total, 3);
    const [first] = list.body.resource_servers as Record<string, unknown>[];
    assert.equal(first?.identifier, apis.profile.audience);
    assert.deepEqual(first?.scopes, [
      { value: "read:profile", description: "" },
      { value: "write:profile", description: "" },
    ]);
    const { body } = await call(appPath);
    assert.deepEqual(body.callbacks, ["http://localhost:3000/auth/callback"]);
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
