/**
 * The route wrapper of the Payments API, which accepts only DPoP-bound tokens (RFC 9449). The
 * bearer pipeline's steps (`bearer-route.ts`) with the proof checked around them, in this order:
 * read `Authorization: DPoP` and one `DPoP` proof; check the proof (`checkDpopProof`: signature,
 * `htm`, `htu`, `iat`, `ath`); demand a fresh server nonce (`dpop-nonce.ts`); verify the token as
 * the Bearer APIs do (`verify-access-token.ts`); check that it is bound to the proof's key
 * (`cnf.jkt`); refuse a replayed proof (`dpop-replay.ts`); authorize the scope; answer. Every
 * refusal becomes its response in `toDpopResponse` (`dpop-error.ts`).
 */
import "server-only";
import type { VerifiedToken } from "@/lib/demo-apis/contracts/shared-contract";
import { checkDpopProof } from "@/lib/demo-apis/dpop/check-dpop-proof";
import { apiEnv, type ApiEnv } from "./api-env";
import type { ApiIdentity } from "./api-error";
import { setApiHeaders } from "./api-headers";
import { readAuthorization, requireScope, type RouteOutcome } from "./bearer-route";
import { toDpopResponse, type DpopError } from "./dpop-error";
import { boundKeyOf } from "./verify-access-token";
import { checkNonce, currentNonce, type NonceCheck } from "./dpop-nonce";
import { ReplayStore } from "./dpop-replay";
import { issuerKeys, verifyAccessToken } from "./verify-access-token";

/** How far a proof's `iat` may be from this server's clock, either way. */
const PROOF_SKEW_SECONDS = 60;

// One memory of used proofs per server instance (see `dpop-replay.ts` for several instances).
// A proof takes about 150 bytes here: 100,000 of them about 15 MB; one key at most 5,000 (over
// 80 requests a second for a whole proof window).
const usedProofs = new ReplayStore({ capacity: 100_000, perOwner: 5_000 });

type DpopRouteOptions<Api extends ApiIdentity> = {
  /** The API this route belongs to (from `config/apis.ts`): its name is the challenge's realm. */
  api: Api;
  /** The scope the token must grant for this route: one that this API defines. */
  scope: Api["scopes"][number];
};

type Authenticated = { ok: true; token: VerifiedToken } | { ok: false; error: DpopError };

/**
 * Wraps a route handler in the DPoP check. The handler runs only for a verified, DPoP-bound token
 * with the right scope, presented with a valid, fresh, unused proof of its key. Every answer gets
 * the APIs' headers and, when nonces are required (`DPOP_NONCE`, default `required`), a fresh
 * `DPoP-Nonce` for the client's next proof.
 *
 * @example
 * export const GET = dpopRoute(
 *   { api: apis.payments, scope: "read:payments" },
 *   (_request, token) => ({ ok: true, body: { payments: paymentsFor(token.sub), token } }),
 * );
 */
export function dpopRoute<Api extends ApiIdentity, Body extends { token: VerifiedToken }>(
  options: DpopRouteOptions<Api>,
  handler: (
    request: Request,
    token: VerifiedToken,
  ) => RouteOutcome<Body> | Promise<RouteOutcome<Body>>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const env = apiEnv();
    const auth = await authenticate(request, env, options);
    const outcome = auth.ok ? await handler(request, auth.token) : auth;
    const response = outcome.ok
      ? Response.json(outcome.body)
      : toDpopResponse(outcome.error, options.api);
    setApiHeaders(response.headers, request, env.appOrigin);
    if (env.dpopNonceRequired) response.headers.set("DPoP-Nonce", currentNonce(env.dpopNonceKey));
    // So that a client in a browser could read why a request was refused, and the next nonce.
    response.headers.set("Access-Control-Expose-Headers", "WWW-Authenticate, DPoP-Nonce");
    return response;
  };
}

const refuseProof = (description: string): Authenticated => ({
  ok: false,
  error: { code: "invalid_dpop_proof", description },
});

const NONCE_PROBLEMS: Record<Exclude<NonceCheck, "fresh">, string> = {
  stale: "The DPoP proof's nonce has expired: use the one in this answer's DPoP-Nonce header.",
  forged: "The DPoP proof's nonce is not one this API issued: use the one in DPoP-Nonce.",
};

async function authenticate(
  request: Request,
  env: ApiEnv,
  { api, scope }: DpopRouteOptions<ApiIdentity>,
): Promise<Authenticated> {
  // Read. A Bearer token is never accepted, bound or not: that would be a downgrade.
  const scheme = (request.headers.get("authorization") ?? "").split(" ")[0]?.toLowerCase();
  if (scheme === "bearer") {
    const description =
      'This API accepts only DPoP-bound tokens: send "Authorization: DPoP <token>" with a DPoP ' +
      "proof, not a Bearer token.";
    return { ok: false, error: { code: "invalid_token", reason: "wrong_scheme", description } };
  }
  const read = readAuthorization(request.headers, "DPoP");
  if (!read.ok) return read;
  // Several DPoP header lines arrive joined by commas, which a JWT never contains.
  const proofHeader = request.headers.get("dpop");
  if (!proofHeader) return refuseProof("The request has no DPoP header: send a proof with it.");
  if (proofHeader.includes(","))
    return refuseProof("The request must carry exactly one DPoP proof.");

  // The proof: made for this request and this token, by the holder of its key.
  const checked = await checkDpopProof(proofHeader.trim(), {
    method: request.method,
    // The public origin (APP_BASE_URL), not the request's: behind `next start` that URL takes
    // its scheme from X-Forwarded-Proto, which any client can send.
    url: new URL(new URL(request.url).pathname, env.appOrigin).href,
    maxSkewSeconds: PROOF_SKEW_SECONDS,
    accessToken: read.token,
  });
  if (!checked.ok) return refuseProof(checked.description);
  const { proof } = checked;
  if (env.dpopNonceRequired) {
    const state = proof.nonce === undefined ? "missing" : checkNonce(env.dpopNonceKey, proof.nonce);
    if (state !== "fresh") {
      const description =
        state === "missing"
          ? "This API requires a server nonce in DPoP proofs: use the one in DPoP-Nonce."
          : NONCE_PROBLEMS[state];
      return { ok: false, error: { code: "use_dpop_nonce", description } };
    }
  }

  // Verify, as the Bearer APIs do; then the binding to the proof's key.
  const issuer = env.issuerUrl;
  const verified = await verifyAccessToken(read.token, {
    issuer,
    audience: api.audience,
    keys: issuerKeys(issuer),
  });
  if (!verified.ok) return verified;
  const boundTo = boundKeyOf(read.token);
  if (boundTo === undefined) {
    const description =
      "The access token is not DPoP-bound (it has no cnf.jkt): a Bearer token cannot be " +
      "presented as a DPoP one. Get a token with a DPoP proof.";
    return { ok: false, error: { code: "invalid_token", reason: "unbound_token", description } };
  }
  if (boundTo !== proof.jkt) {
    return refuseProof("The DPoP proof is signed with another key than the token is bound to.");
  }
  // Only a proof that passed every check is remembered, so strangers cannot fill the memory.
  const use = usedProofs.firstUse(
    `${proof.jkt}:${proof.jti}`,
    proof.jkt,
    proof.iat + PROOF_SKEW_SECONDS + 1,
  );
  if (use === "replay") {
    return refuseProof("This DPoP proof was used before (same jti): make one for every request.");
  }
  if (use === "busy") {
    const description =
      "Too many DPoP proofs to remember at once: retry after the seconds in Retry-After.";
    return {
      ok: false,
      error: {
        code: "temporarily_unavailable",
        description,
        retryAfter: usedProofs.secondsUntilRoom(),
      },
    };
  }

  // Authorize.
  const missingScope = requireScope(verified.token.scope, scope);
  return missingScope ? { ok: false, error: missingScope } : verified;
}
