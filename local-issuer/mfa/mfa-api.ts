import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Context, Middleware } from "koa";
import { errors, type Provider } from "oidc-provider";
import { readBodyText } from "@/local-issuer/http/read-body";
import type { FileStore } from "@/local-issuer/storage/file-store";
import { associateOtp, findEnrolment, totpFor } from "./enrolments";
import { auth0Error, mfaTokenErrors } from "./errors";
import { findMfaToken, type MfaContext } from "./mfa-tokens";

/** Reads a small JSON object body; anything over 10 kB or not an object is refused. */
async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readBodyText(request, 10_000, () =>
    auth0Error(413, "invalid_request", "Body too large."),
  );
  try {
    const body: unknown = JSON.parse(text || "{}");
    if (typeof body === "object" && body && !Array.isArray(body)) {
      return body as Record<string, unknown>;
    }
  } catch {
    // Answered below, like any other body that is not a JSON object.
  }
  throw auth0Error(400, "invalid_request", "The body must be a JSON object.");
}

const sameSecret = (expected: string, given: string) =>
  expected.length === given.length && timingSafeEqual(Buffer.from(expected), Buffer.from(given));

/** The context of a valid `mfa_token`, or the Auth0 error for it (another client's: malformed). */
function context(store: FileStore, token: string, clientId?: string): MfaContext {
  const found = findMfaToken(store, token, clientId);
  if (found.state !== "valid") throw mfaTokenErrors[found.state]();
  return found.context;
}

const bearer = (ctx: Context) => /^Bearer (\S+)$/i.exec(ctx.get("authorization"))?.[1] ?? "";

/** `POST /mfa/challenge`: the client authenticates in the body, as with Auth0. */
async function challenge(ctx: Context, provider: Provider, store: FileStore): Promise<unknown> {
  const body = await readJson(ctx.req);
  const client = await provider.Client.find(String(body.client_id ?? ""));
  const secret = client?.clientSecret;
  if (!client || (secret && !sameSecret(secret, String(body.client_secret ?? "")))) {
    throw auth0Error(401, "invalid_client", "Client authentication failed.");
  }
  const { accountId } = context(store, String(body.mfa_token ?? ""), client.clientId);
  const types = String(body.challenge_type ?? "").split(" ");
  if (!types.includes("otp")) {
    throw auth0Error(400, "unsupported_challenge_type", "This server challenges with otp only.");
  }
  // Auth0's SDKs read unsupported_challenge_type as "enrolment required".
  if (!findEnrolment(store, accountId)) {
    throw auth0Error(400, "unsupported_challenge_type", "User is not enrolled.");
  }
  return { challenge_type: "otp" };
}

/** `POST /mfa/associate`: enrols a user with no confirmed authenticator. */
async function associate(ctx: Context, store: FileStore): Promise<unknown> {
  const { accountId } = context(store, bearer(ctx));
  const body = await readJson(ctx.req);
  const types = Array.isArray(body.authenticator_types) ? body.authenticator_types : [];
  if (types.length !== 1 || types[0] !== "otp") {
    throw auth0Error(
      400,
      "invalid_request",
      'This server enrols authenticator_types ["otp"] only.',
    );
  }
  if (findEnrolment(store, accountId)?.confirmed) {
    throw auth0Error(403, "access_denied", "User is already enrolled.");
  }
  const { enrolment, recoveryCode } = associateOtp(store, accountId);
  return {
    authenticator_type: "otp",
    id: enrolment.id,
    secret: enrolment.secret,
    barcode_uri: totpFor(enrolment.secret, accountId).toString(),
    recovery_codes: [recoveryCode],
  };
}

/** `GET /mfa/authenticators`: the user's confirmed authenticators, with `type` the SDK filters on. */
function authenticators(ctx: Context, store: FileStore): unknown {
  const { accountId } = context(store, bearer(ctx));
  const enrolment = findEnrolment(store, accountId);
  if (!enrolment?.confirmed) return [];
  return [
    { id: enrolment.id, authenticator_type: "otp", type: "otp", active: true },
    {
      id: enrolment.recoveryId,
      authenticator_type: "recovery-code",
      type: "recovery-code",
      active: true,
    },
  ];
}

/**
 * The part of Auth0's MFA API the SDK uses before the mfa-otp grant: `GET /mfa/authenticators`,
 * `POST /mfa/associate` (Bearer `mfa_token`) and `POST /mfa/challenge` (client in the body).
 * Errors are Auth0's JSON, `{ error, error_description }`.
 *
 * @example
 * provider.use(mfaApi(provider, store));
 */
export function mfaApi(provider: Provider, store: FileStore): Middleware {
  const routes: Record<string, (ctx: Context) => unknown> = {
    "GET /mfa/authenticators": (ctx) => authenticators(ctx, store),
    "POST /mfa/associate": (ctx) => associate(ctx, store),
    "POST /mfa/challenge": (ctx) => challenge(ctx, provider, store),
  };
  return async (ctx, next) => {
    const route = routes[`${ctx.method} ${ctx.path}`];
    if (!route) return next();
    ctx.set("Cache-Control", "no-store");
    try {
      ctx.body = await route(ctx);
    } catch (error) {
      if (!(error instanceof errors.OIDCProviderError)) throw error;
      ctx.status = error.status;
      ctx.body = { error: error.error, error_description: error.error_description };
    }
  };
}
