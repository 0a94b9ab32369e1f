import "server-only";
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import type { SessionData } from "@auth0/nextjs-auth0/types";
import type { NextRequest } from "next/server";
import { auth0 } from "@/lib/auth0";
import { serverEnv } from "@/lib/env/server-env";
import { MFA_VERIFY_ROUTE, sdkPath } from "@/lib/proxy/sdk-routes";

/**
 * The SDK's `mfa_token` (an encrypted copy of the authorization server's) is a bearer capability:
 * `/auth/mfa/verify` accepts it with whatever session the request carries and stores the
 * stepped-up access token there, and with no session at all it makes one from the answer. So
 * another user's token (leaked from a page, a log, a shared screen) could be redeemed in the
 * wrong session. This binds each `mfa_token` the token route hands out to the session and the
 * browser it was handed to: a MAC of the token and the session's identity, kept in an HttpOnly
 * cookie, checked before the SDK verifies. Stateless (several instances share `AUTH0_SECRET`),
 * and the cookie exists only for the few minutes after a step-up was asked for.
 */

/** The cookie that holds the bindings (only `/auth/*` receives it). */
export const MFA_BINDING_COOKIE = "mfa_bindings";
/** As long as the authorization server's `mfa_token` lives (Auth0: 10 minutes). */
const BINDING_SECONDS = 600;
/** The newest bindings kept: one per step-up the user may still finish. */
const MAX_BINDINGS = 4;
const MAC_BYTES = 16;

const keys = new Map<string, Buffer>();
function keyFor(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", secret, "", "mfa_token binding", 32));
    keys.set(secret, key);
  }
  return key;
}

/** Who a session is, as far as a binding cares: the user, and this sign-in of theirs. */
function sessionIdentity(session: SessionData): string {
  return [session.user.sub, session.internal.sid, session.internal.createdAt].join("\n");
}

function mac(secret: string, session: SessionData, mfaToken: string): Buffer {
  return createHmac("sha256", keyFor(secret))
    .update(sessionIdentity(session))
    .update("\n")
    .update(mfaToken)
    .digest()
    .subarray(0, MAC_BYTES);
}

function bindingsIn(cookieValue: string | undefined): string[] {
  return (cookieValue ?? "").split(".").filter((value) => /^[\w-]{22}$/.test(value));
}

/**
 * The `Set-Cookie` value that adds a binding of `mfaToken` to `session`, keeping the newest
 * bindings already in `cookieValue`.
 *
 * @example
 * response.headers.append("Set-Cookie", bindingCookie({ secret, session, mfaToken, cookieValue, https }));
 */
export function bindingCookie({
  secret,
  session,
  mfaToken,
  cookieValue,
  https,
}: {
  secret: string;
  session: SessionData;
  mfaToken: string;
  cookieValue: string | undefined;
  https: boolean;
}): string {
  const bindings = [
    ...bindingsIn(cookieValue),
    mac(secret, session, mfaToken).toString("base64url"),
  ];
  const value = bindings.slice(-MAX_BINDINGS).join(".");
  const attributes = ["Path=/auth", `Max-Age=${BINDING_SECONDS}`, "HttpOnly", "SameSite=Strict"];
  if (https) attributes.push("Secure");
  return [`${MFA_BINDING_COOKIE}=${value}`, ...attributes].join("; ");
}

/**
 * Whether `mfaToken` was handed to this session in this browser (`bindingCookie`).
 *
 * @example
 * if (!isBound({ secret, session, mfaToken, cookieValue })) return refusal();
 */
export function isBound({
  secret,
  session,
  mfaToken,
  cookieValue,
}: {
  secret: string;
  session: SessionData;
  mfaToken: string;
  cookieValue: string | undefined;
}): boolean {
  const expected = mac(secret, session, mfaToken);
  return bindingsIn(cookieValue).some((binding) =>
    timingSafeEqual(Buffer.from(binding, "base64url"), expected),
  );
}

/**
 * After the token route: when it answered `mfa_required`, binds the `mfa_token` it handed out to
 * the session that asked (one session read, only on that answer).
 *
 * @example
 * response = await bindMfaToken(request, response);
 */
export async function bindMfaToken(request: NextRequest, response: Response): Promise<Response> {
  if (response.status !== 403) return response;
  const body: unknown = await response
    .clone()
    .json()
    .catch(() => null);
  const { error, mfa_token: mfaToken } = (body ?? {}) as Record<string, unknown>;
  if (error !== "mfa_required" || typeof mfaToken !== "string" || mfaToken === "") return response;
  const session = await auth0().getSession(request);
  if (!session) return response;
  const cookie = bindingCookie({
    secret: serverEnv().secret,
    session,
    mfaToken,
    cookieValue: request.cookies.get(MFA_BINDING_COOKIE)?.value,
    https: request.nextUrl.protocol === "https:",
  });
  response.headers.append("Set-Cookie", cookie);
  return response;
}

/**
 * Before the SDK's `/auth/mfa/verify`: refuses an `mfa_token` that the token route did not hand to
 * this session in this browser, or any verify without a session (the SDK would make one from the
 * answer: a sign-in by `mfa_token`, which this app never offers). The refusal is the SDK's own
 * answer to a bad token, so `mfa.verify()` rejects with `MfaTokenInvalidError`.
 *
 * @example
 * const refusal = await mfaVerifyRefusal(request);
 * if (refusal) return refusal;
 */
export async function mfaVerifyRefusal(request: NextRequest): Promise<Response | null> {
  if (request.method !== "POST" || sdkPath(request.nextUrl.pathname) !== MFA_VERIFY_ROUTE) {
    return null;
  }
  // #region verify-refusal
  const mfaToken = /^Bearer (\S+)$/.exec(request.headers.get("authorization") ?? "")?.[1];
  // None at all: the SDK answers that with its own 400.
  if (!mfaToken) return null;
  const session = await auth0().getSession(request);
  const bound =
    session !== null &&
    isBound({
      secret: serverEnv().secret,
      session,
      mfaToken,
      cookieValue: request.cookies.get(MFA_BINDING_COOKIE)?.value,
    });
  if (bound) return null;
  // #endregion
  return Response.json(
    {
      error: "mfa_token_invalid",
      error_description: session
        ? "This MFA token was not issued to this session: ask for the token again."
        : "Sign in first: an MFA token is verified for the session it was issued to.",
    },
    { status: 401 },
  );
}
