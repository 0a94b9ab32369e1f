import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, test } from "node:test";
import { sessionDurations } from "@/config/session";
import type { ServerEnv } from "@/lib/env/server-env";
import { startupCheck, startupWarning } from "./startup-check";

/** A tenant as `npm run dev` sees it, served by `server` on loopback. */
const tenantAt = (port: number): ServerEnv => ({
  mode: "auth0",
  domain: "my-tenant.us.auth0.com",
  issuerUrl: `http://localhost:${port}/`,
  clientId: "client",
  clientSecret: "secret",
  secret: "0".repeat(64),
  appBaseUrl: "http://localhost:3000",
  refreshGuard: true,
  session: sessionDurations,
});

const servers: Server[] = [];
async function serve(handler: Parameters<typeof createServer>[1]): Promise<number> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "localhost", resolve));
  return (server.address() as AddressInfo).port;
}
after(() => {
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
});

test("a tenant whose discovery names it: nothing to say", async () => {
  const port = await serve((_request, response) => {
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify({ issuer: `http://localhost:${port}/` }));
  });
  assert.equal(await startupCheck(tenantAt(port)), undefined);
});

test("unreachable: the reason, AUTH0_DOMAIN as the fix, and npm run auth0:check", async () => {
  const port = await serve(() => undefined);
  await new Promise<void>((resolve) => servers.pop()?.close(() => resolve()));
  const warning = await startupCheck(tenantAt(port));
  assert.match(
    warning ?? "",
    /^✖ discovery http:\/\/localhost:\d+\/\.well-known\/openid-configuration is unreachable \(fetch failed\)/,
  );
  assert.match(warning ?? "", /fix: check AUTH0_DOMAIN/);
  assert.match(warning ?? "", /run `npm run auth0:check`/);
});

test("a tenant that does not answer is given up on after the short timeout", async () => {
  const port = await serve(() => undefined);
  const started = Date.now();
  const warning = await startupCheck(tenantAt(port), 300);
  assert.ok(Date.now() - started < 2_000, "start-up is not held up");
  assert.match(warning ?? "", /is unreachable \(.*(timeout|aborted).*\)/i);
});

test("another issuer in discovery: named, with its fix", () => {
  const warning = startupWarning({ ok: false, label: "discovery …: issuer is x", fix: "set it" });
  assert.equal(
    warning,
    "✖ discovery …: issuer is x\n    fix: set it\n    then run `npm run auth0:check`: it checks " +
      "the client, URLs, APIs and refresh token policies too, each with its fix",
  );
});
