import fc from "fast-check";
import { apis, oidcScopes } from "@/config/apis";
import { stepUpScopes } from "@/local-issuer/config";
import { applyStepUp, type StepUpOutcome } from "@/local-issuer/mfa/step-up";
import { resolveMrrt } from "@/local-issuer/oauth/mrrt-policy";
import { claimsOf } from "./oauth-flow";
import type { RefreshGrantIssuer } from "./refresh-grant-issuer";
import { grantRequestInit } from "./refresh-grant-wire";
import {
  grantRequests,
  isTheClientsOwn,
  isWhatTheSdkSends,
  type GrantRequest,
} from "./refresh-grant-requests";
import { surfaceOf, type SurfaceProperty } from "./surface-property";

/**
 * The local issuer's token endpoint under generated refresh_token grants: every answer is
 * `no-store` and never a 5xx; every refusal is an OAuth error (RFC 6749 §5.2); only the client's
 * own request gets a token, and the one it gets has exactly the audience and scopes that Auth0's
 * Multi-Resource Refresh Token rules (`resolveMrrt`) give, never more than the policy allows,
 * less the step-up scopes not asked for (`applyStepUp`). A step-up scope asked for by name is
 * refused with Auth0's 403 `mfa_required` (the sign-in had no MFA).
 */

/** RFC 6749 §5.2's codes, RFC 8707's `invalid_target`, and `access_denied` (MRRT strict mode). */
const OAUTH_ERRORS = new Set([
  "invalid_request",
  "invalid_client",
  "invalid_grant",
  "unauthorized_client",
  "unsupported_grant_type",
  "invalid_scope",
  "invalid_target",
  "access_denied",
]);
// RFC 6749 §5.2: error and error_description use printable ASCII without `"` and `\`.
const NQSCHAR = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** A refusal as RFC 6749 §5.2 shapes it; 401 only for a client that failed to authenticate. */
function isOAuthError(status: number, body: Record<string, unknown>): boolean {
  const { error, error_description: description, ...rest } = body;
  return (
    (status === 400 || status === 401) &&
    Object.keys(rest).length === 0 &&
    typeof error === "string" &&
    OAUTH_ERRORS.has(error) &&
    (status === 400 || error === "invalid_client") &&
    (description === undefined || (typeof description === "string" && NQSCHAR.test(description)))
  );
}

const isOidcScope = (scope: string) => (oidcScopes as readonly string[]).includes(scope);

/**
 * Whether a granted token stays inside what the sign-in and the client's policies allow: its
 * audience is the sign-in's or one in the policies, its API scopes are that policy's (or the
 * sign-in's, for the sign-in audience), its OpenID Connect scopes were granted at sign-in.
 */
function withinPolicy(fixture: RefreshGrantIssuer, audience: unknown, scopes: string[]): boolean {
  const { login, policies } = fixture;
  const policy = policies.find((candidate) => candidate.audience === audience);
  if (audience !== login.audience && !policy) return false;
  return scopes.every((scope) =>
    isOidcScope(scope)
      ? login.scopes.includes(scope)
      : (policy?.scope.includes(scope) ?? false) ||
        (audience === login.audience && login.scopes.includes(scope)),
  );
}

/** What `resolveMrrt` then the step-up rule make of the request; undefined: refused. */
function expectedOutcome(
  fixture: RefreshGrantIssuer,
  request: GrantRequest,
): (StepUpOutcome & { audience: string | undefined }) | undefined {
  // As oidc-provider hands parameters to the grant: an empty one counts as absent.
  const requested = (request.scope[0] || undefined)?.split(" ").filter(Boolean);
  const decision = resolveMrrt(
    fixture.policies,
    fixture.login,
    { audience: request.audience[0] || undefined, scopes: requested },
    false,
  );
  if (!decision.ok) return undefined;
  const outcome = applyStepUp(
    decision.audience,
    decision.scopes,
    requested,
    undefined,
    stepUpScopes,
  );
  return { ...outcome, audience: decision.audience };
}

/** Auth0's refusal of a step-up scope without MFA: 403 with an mfa_token and requirements. */
function isMfaRequired(status: number, body: Record<string, unknown>): boolean {
  return (
    status === 403 &&
    body.error === "mfa_required" &&
    typeof body.mfa_token === "string" &&
    typeof body.mfa_requirements === "object"
  );
}

/**
 * The audience the grant would give requires DPoP-bound tokens: this property never sends a
 * proof, so the issuer must refuse (`invalid_request`, as Auth0 does for such an API).
 */
function needsProof(fixture: RefreshGrantIssuer, request: GrantRequest): boolean {
  const audience = expectedOutcome(fixture, request)?.audience;
  return Object.values(apis).some((api) => api.audience === audience && "proofOfPossession" in api);
}

/** The granted token checked against the expected outcome for the same request, and the policy. */
function isTheMrrtToken(
  fixture: RefreshGrantIssuer,
  request: GrantRequest,
  body: Record<string, unknown>,
): boolean {
  const decision = expectedOutcome(fixture, request);
  if (decision?.kind !== "grant" || typeof body.access_token !== "string") return false;
  const claims = claimsOf(body.access_token);
  // oidc-provider leaves an empty scope out of the token; the answer's `scope` is then "".
  const scope = typeof claims.scope === "string" ? claims.scope : "";
  const audiences = [claims.aud].flat();
  const openid = decision.scopes.includes("openid");
  const expected = [decision.audience, ...(openid ? [`${fixture.issuer.url}userinfo`] : [])];
  return (
    JSON.stringify(audiences) === JSON.stringify(expected) &&
    scope === decision.scopes.join(" ") &&
    body.scope === scope &&
    body.token_type === "Bearer" &&
    (typeof body.id_token === "string") === openid &&
    withinPolicy(fixture, audiences[0], scope.split(" ").filter(Boolean))
  );
}

/**
 * The refresh grant's property, against an issuer started by `startRefreshGrantIssuer`.
 *
 * @example
 * const property = refreshGrantProperty(await startRefreshGrantIssuer());
 */
export function refreshGrantProperty(fixture: RefreshGrantIssuer): SurfaceProperty {
  const endpoint = new URL("oauth/token", fixture.issuer.url);
  const statuses = new Set<number>();
  return surfaceOf(
    "local issuer token endpoint (refresh grant)",
    fc.asyncProperty(grantRequests, async (request) => {
      const init = grantRequestInit(request, fixture);
      const response = await fetch(endpoint, { method: "POST", ...init });
      const { status } = response;
      statuses.add(status);
      if (response.headers.get("cache-control") !== "no-store") return false;
      if (!response.headers.get("content-type")?.startsWith("application/json")) return false;
      const body = (await response.json()) as Record<string, unknown>;
      if (isTheClientsOwn(request) && needsProof(fixture, request)) {
        return status === 400 && isOAuthError(status, body);
      }
      if (isMfaRequired(status, body)) {
        return (
          isTheClientsOwn(request) && expectedOutcome(fixture, request)?.kind === "mfa_required"
        );
      }
      if (status !== 200) {
        return isOAuthError(status, body) && !isWhatTheSdkSends(request);
      }
      return isTheClientsOwn(request) && isTheMrrtToken(fixture, request, body);
    }),
    statuses,
  );
}
