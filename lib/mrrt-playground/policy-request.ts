import type { Management } from "auth0";
import type { PolicyEntry } from "@/lib/mrrt-playground/explain-answer";

/** The application's `refresh_token` settings that the playground shows. */
export type RefreshTokenSettings = {
  rotation_type: Management.ClientRefreshTokenConfiguration["rotation_type"];
  expiration_type: Management.ClientRefreshTokenConfiguration["expiration_type"];
  leeway: number;
  policies: PolicyEntry[];
};

/** The request that sets a policy: what the playground sends, or shows to send. */
export type PolicyRequest = {
  method: "PATCH";
  path: string;
  body: Management.UpdateClientRequestContent;
};

/**
 * The `PATCH /api/v2/clients/{id}` that sets `policies`, keeping the rotation settings (the
 * `auth0` client requires them in every `refresh_token` update).
 *
 * @example
 * policyRequest("local-demo-app", settings, []).path; // "/api/v2/clients/local-demo-app"
 */
export function policyRequest(
  clientId: string,
  settings: RefreshTokenSettings,
  policies: readonly PolicyEntry[],
): PolicyRequest {
  const { rotation_type, expiration_type } = settings;
  return {
    method: "PATCH",
    path: `/api/v2/clients/${encodeURIComponent(clientId)}`,
    body: {
      refresh_token: {
        rotation_type,
        expiration_type,
        policies: policies.map(({ audience, scope }) => ({ audience, scope: [...scope] })),
      },
    },
  };
}
