import "server-only";
import { createHmac } from "node:crypto";
import type { SessionData } from "@auth0/nextjs-auth0/types";
import type { NextRequest } from "next/server";
import { auth0 } from "@/lib/auth0";
import { derivedKey } from "@/lib/env/derived-key";
import { serverEnv } from "@/lib/env/server-env";
import { MFA_VERIFY_ROUTE, sdkPath } from "@/lib/proxy/sdk-routes";

/**
 * The SDK's `mfa_token` (an encrypted copy of the authorization server's) is a bearer capability:
 * `/auth/mfa/verify` accepts it with whatever session the request carries and stores the
 * stepped-up access token there, and with no session at all it makes one from the answer. So
 * another user's token (leaked from a page, a log, a shared screen) could be redeemed in the
 * wrong session. This binds each `mfa_token` the token route hands out to the session and the
 * browser it was handed to: a MAC of the token and the session's identity, the name of an HttpOnly
 * cookie, checked before the SDK verifies. Stateless (several instances share `AUTH0_SECRET`),
 * and the cookie exists only for the few minutes after a step-up was asked for.
 */

/** Each binding is a cookie of its own (only `/auth/*` receives them): concurrent answers add theirs. */
const BINDING_PREFIX = "mfab_";
/** As long as the authorization server's `mfa_token` lives (Auth0: 10 minutes). */
const BINDING_SECONDS = 600;
/** The newest bindings kept: one per step-up the user may still finish. */
const MAX_BINDINGS = 4;
const MAC_BYTES = 16;

/** Who a session is, as far as a binding cares: the user, and this sign-in of theirs. */
function sessionIdentity(session: SessionData): string {
  return [session.user.sub, session.internal.sid, session.internal.createdAt].join("\n");
}

/** The binding's cookie name: a MAC of the session and the exact token string. */
function bindingName(secret: string, session: SessionData, mfaToken: string): string {
  const mac = createHmac("sha256", derivedKey(secret, "mfa_token binding"))
    .update(sessionIdentity(session))
    .update("\n")
    .update(mfaToken)
    .digest()
    .subarray(0, MAC_BYTES);
  return `${BINDING_PREFIX}${mac.toString("base64url")}`;
}

type Cookie = { name: string; value: string };

/**
 * The `Set-Cookie` values that bind `mfaToken` to `session`: the new binding (its value is when
 * it was made), and the oldest ones in `cookies` expired so that at most four remain.
 *
 * @example
 * for (const cookie of bindingCookies({ secret, session, mfaToken, cookies, https, now })) {
 *   response.headers.append("Set-Cookie", cookie);
 * }
 */
export function bindingCookies({
  secret,
  session,
  mfaToken,
  cookies,
  https,
  now = Date.now(),
}: {
  secret: string;
  session: SessionData;
  mfaToken: string;
  cookies: readonly Cookie[];
  https: boolean;
  now?: number;
}): string[] {
  const attributes = ["Path=/auth", "HttpOnly", "SameSite=Strict", ...(https ? ["Secure"] : [])];
  const set = (name: string, value: string, maxAge: number) =>
    [`${name}=${value}`, `Max-Age=${maxAge}`, ...attributes].join("; ");
  // A value this app did not write (not a past time: planted by a sibling origin) counts as the
  // oldest, so it cannot pin itself in place and push out a real binding.
  const madeAt = ({ value }: Cookie) =>
    /^\d{1,15}$/.test(value) && Number(value) <= now ? Number(value) : -1;
  const older = cookies
    .filter((cookie) => cookie.name.startsWith(BINDING_PREFIX))
    .sort((a, b) => madeAt(a) - madeAt(b));
  const dropped = older.slice(0, Math.max(0, older.length - (MAX_BINDINGS - 1)));
  return [
    set(bindingName(secret, session, mfaToken), String(now), BINDING_SECONDS),
    ...dropped.map((cookie) => set(cookie.name, "", 0)),
  ];
}

/**
 * Whether `mfaToken`, exactly as sent, was handed to this session in this browser
 * (`bindingCookies`).
 *
 * @example
 * if (!isBound({ secret, session, mfaToken, cookies })) return refusal();
 */
export function isBound({
  secret,
  session,
  mfaToken,
  cookies,
}: {
  secret: string;
  session: SessionData;
  mfaToken: string;
  cookies: readonly Cookie[];
}): boolean {
  const name = bindingName(secret, session, mfaToken);
  return cookies.some((cookie) => cookie.name === name);
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
  const cookies = bindingCookies({
    secret: serverEnv().secret,
    session,
    mfaToken,
    cookies: request.cookies.getAll(),
    https: request.nextUrl.protocol === "https:",
  });
  for (const cookie of cookies) response.headers.append("Set-Cookie", cookie);
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
  // Read exactly as the SDK reads it: whatever follows "Bearer " is the token it decrypts, and
  // the binding is checked on those very characters (a space added to a token changes its MAC).
  const authorization = request.headers.get("authorization");
  // No such header: the SDK answers that with its own 400, before any decryption.
  if (!authorization?.startsWith("Bearer ")) return null;
  const mfaToken = authorization.slice("Bearer ".length);
  const session = await auth0().getSession(request);
  const bound =
    session !== null &&
    isBound({
      secret: serverEnv().secret,
      session,
      mfaToken,
      cookies: request.cookies.getAll(),
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
