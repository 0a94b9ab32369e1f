import { localClient } from "@/config/local-client";
import { localManagementClient } from "@/config/local-management-client";
import type { ClientAuth, GrantRequest, RefreshTokenCase } from "./refresh-grant-requests";

/**
 * How a generated refresh grant (`refresh-grant-requests.ts`) goes over the wire, as the SDK's
 * `oauth4webapi` would send it: a form body, and an `Authorization` header where the case has one.
 */

/** What a token request sends, for one user's tokens. */
export type Credentials = { refreshToken: string; accessToken: string };

const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;

function refreshTokenValue(token: RefreshTokenCase, credentials: Credentials): string {
  switch (token.kind) {
    case "real":
      return credentials.refreshToken;
    case "real, one character changed": {
      const last = credentials.refreshToken.at(-1) === "A" ? "B" : "A";
      return `${credentials.refreshToken.slice(0, -1)}${last}`;
    }
    case "the access token":
      return credentials.accessToken;
    case "text":
      return token.text;
  }
}

function clientParams(auth: ClientAuth): { body: [string, string][]; authorization?: string } {
  const { clientId: id, clientSecret: secret } = localClient;
  switch (auth) {
    case "secret in the body":
      return {
        body: [
          ["client_id", id],
          ["client_secret", secret],
        ],
      };
    case "wrong secret":
      return {
        body: [
          ["client_id", id],
          ["client_secret", `${secret}x`],
        ],
      };
    case "no secret":
      return { body: [["client_id", id]] };
    case "no client":
      return { body: [] };
    case "unknown client":
      return {
        body: [
          ["client_id", "someone-else"],
          ["client_secret", secret],
        ],
      };
    case "secret in Basic":
      return { body: [], authorization: basic(id, secret) };
    case "wrong secret in Basic":
      return { body: [], authorization: basic(id, `${secret}x`) };
    case "Basic without a colon":
      return { body: [], authorization: `Basic ${Buffer.from(id).toString("base64")}` };
    case "another client's credentials":
      return {
        body: [
          ["client_id", localManagementClient.clientId],
          ["client_secret", localManagementClient.clientSecret],
        ],
      };
    case "both body and Basic":
      return {
        body: [
          ["client_id", id],
          ["client_secret", secret],
        ],
        authorization: basic(id, secret),
      };
  }
}

/**
 * The form body and headers of a generated request.
 *
 * @example
 * const { body, headers } = grantRequestInit(request, { refreshToken, accessToken });
 * await fetch(tokenEndpoint, { method: "POST", body, headers });
 */
export function grantRequestInit(
  request: GrantRequest,
  credentials: Credentials,
): { body: URLSearchParams; headers: Headers } {
  const client = clientParams(request.clientAuth);
  const body = new URLSearchParams([
    ...request.grantType.map((value): [string, string] => ["grant_type", value]),
    ...client.body,
    ...request.refreshToken.map((token): [string, string] => [
      "refresh_token",
      refreshTokenValue(token, credentials),
    ]),
    ...request.audience.map((value): [string, string] => ["audience", value]),
    ...request.scope.map((value): [string, string] => ["scope", value]),
    ...request.extra,
  ]);
  const headers = new Headers();
  if (client.authorization) headers.set("authorization", client.authorization);
  return { body, headers };
}
