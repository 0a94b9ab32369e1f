/**
 * Test-only: back-channel logout tokens for the specs of the Redis mode. A catcher stands where
 * an issuer sends them (its first app URL) and hands each real one to the test; forged ones are
 * signed with the issuer's own key, so that exactly one claim of each is wrong.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { importJWK, SignJWT, type JWK, type JWTPayload } from "jose";
import { localClient } from "@/config/local-client";

export type LogoutTokenCatcher = {
  /** `http://localhost:<port>`: the app URL to give the issuer first. */
  url: string;
  /** The next logout token the issuer sends (already received, or awaited). */
  next(): Promise<string>;
  close(): Promise<void>;
};

/**
 * Listens on `port` for the issuer's back-channel logout requests and answers each 204.
 *
 * @example
 * const catcher = await startLogoutTokenCatcher(3483);
 * await servers.startIssuer([catcher.url, appUrl]);
 */
export async function startLogoutTokenCatcher(port: number): Promise<LogoutTokenCatcher> {
  const received: string[] = [];
  const waiting: ((token: string) => void)[] = [];
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      const token = new URLSearchParams(body).get("logout_token") ?? "";
      const waiter = waiting.shift();
      if (waiter) waiter(token);
      else received.push(token);
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "localhost", resolve));
  return {
    url: `http://localhost:${port}`,
    next: () => {
      const token = received.shift();
      return token !== undefined
        ? Promise.resolve(token)
        : new Promise<string>((resolve) => waiting.push(resolve));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The claims of a logout token the app accepts, as the issuer at `issuerUrl` writes them:
 * override or (as `undefined`) remove one to break it.
 *
 * @example
 * logoutTokenClaims(servers.issuerUrl, { jti: undefined });
 */
export function logoutTokenClaims(issuerUrl: string, overrides: JWTPayload = {}): JWTPayload {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: `${issuerUrl}/`,
    aud: localClient.clientId,
    sub: "forged-user",
    sid: "forged-sid",
    iat: now,
    exp: now + 120,
    jti: randomUUID(),
    events: { "http://schemas.openid.net/event/backchannel-logout": {} },
    ...overrides,
  };
}

/**
 * Signs `claims` as a logout token with RS256 and the key of the issuer whose state folder is
 * `stateDir` (or with `key`, a key it never published).
 *
 * @example
 * const token = await signLogoutToken(servers.stateDir, logoutTokenClaims(servers.issuerUrl));
 */
export async function signLogoutToken(
  stateDir: string,
  claims: JWTPayload,
  { key }: { key?: JWK & { kid: string } } = {},
): Promise<string> {
  const file = join(process.cwd(), stateDir, "keys.json");
  const { signingKey } = JSON.parse(readFileSync(file, "utf8")) as {
    signingKey: JWK & { kid: string };
  };
  const signer = key ?? signingKey;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "RS256", typ: "logout+jwt", kid: signer.kid })
    .sign(await importJWK(signer, "RS256"));
}
