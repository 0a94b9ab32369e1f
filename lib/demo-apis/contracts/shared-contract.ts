/**
 * What both demo APIs answer alike: the token they accepted, echoed in every success body, and
 * the one error body. The route handlers (`app/api/`) write these shapes and the browser
 * (`lib/demo-apis/client/`) reads them, both from here, so the two sides cannot drift apart.
 *
 * No `server-only` and no secret here: the browser bundle imports this module.
 */
import { z } from "zod";

/** An `aud` claim: Auth0 sends an array when the token is also good for `/userinfo`. */
const audienceSchema = z.union([z.string(), z.array(z.string())]);

/** The facts of a verified access token that the APIs use and echo back to the caller. */
export const verifiedTokenSchema = z.object({
  sub: z.string(),
  aud: audienceSchema,
  /** The space-delimited `scope` claim, or `null` when the token has none. */
  scope: z.string().nullable(),
  /** The client the token was issued to (Auth0 sets `azp` to the client id), or `null`. */
  azp: z.string().nullable(),
  exp: z.number(),
});

export type VerifiedToken = z.infer<typeof verifiedTokenSchema>;

/** Why a bearer token was refused (`error="invalid_token"`, RFC 6750 §3.1). */
const invalidTokenReasonSchema = z.enum([
  "expired",
  "not_yet_valid",
  "wrong_audience",
  "wrong_issuer",
  "bad_signature",
  "unsupported_alg",
  "unknown_key",
  "invalid_claims",
  "malformed",
  "bound_token",
]);

export type InvalidTokenReason = z.infer<typeof invalidTokenReasonSchema>;

/** One problem with a request body: which field, and what is wrong with it. */
const bodyIssueSchema = z.object({
  /** The field's name, or `"body"` when the body as a whole is the problem. */
  field: z.string(),
  problem: z.string(),
});

export type BodyIssue = z.infer<typeof bodyIssueSchema>;

/**
 * The JSON body of every refusal. `error` and `error_description` carry the same facts as the
 * `WWW-Authenticate` challenge (RFC 6750 §3), for code that cannot read that header; the other
 * members are the details of one kind of error, present only with it.
 */
export const apiErrorBodySchema = z.object({
  error: z.enum([
    "missing_token",
    "invalid_request",
    "invalid_token",
    "insufficient_scope",
    "invalid_body",
    "keys_unavailable",
    "not_found",
  ]),
  error_description: z.string(),
  /** `invalid_token`: which check the token failed. */
  reason: invalidTokenReasonSchema.optional(),
  /** `invalid_token`, `wrong_audience`: this API's identifier, and the token's `aud`. */
  expected_audience: z.string().optional(),
  received_audience: audienceSchema.nullable().optional(),
  /** `invalid_token`, `wrong_issuer`: the trusted issuer, and the token's `iss`. */
  expected_issuer: z.string().optional(),
  received_issuer: z.string().nullable().optional(),
  /** `insufficient_scope`: the scope the route needs, and what the token grants. */
  scope: z.string().optional(),
  granted_scope: z.string().optional(),
  /** `invalid_body`: the first field refused, and every issue. */
  field: z.string().optional(),
  issues: z.array(bodyIssueSchema).optional(),
});

export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;
