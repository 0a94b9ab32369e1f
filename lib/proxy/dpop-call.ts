import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { SdkError } from "@auth0/nextjs-auth0/errors";
import { paths } from "@/config/paths";
import { auth0Dpop } from "@/lib/auth0-dpop";
import type { DpopCallAnswer, Exchange } from "@/lib/dpop/dpop-call-contract";
import { recordingFetch, stealAndReplay } from "@/lib/dpop/payments-exchanges";
import { serverEnv } from "@/lib/env/server-env";
import { withCookiesOf } from "@/lib/proxy/request-with-cookies";
import { ownPageRefusal, tokenRequestRefusalResponse } from "@/lib/proxy/token-request-check";
import { withDpopRefreshGuard } from "@/lib/refresh-guard/dpop-refresh-guard";

/** A token with less time left than this (seconds) is refreshed first, where it can be saved. */
const CALL_MARGIN_SECONDS = 10;

/**
 * `POST /dpop-bound-tokens/call` (`?mode=stolen` to replay what an attacker stole afterwards):
 * the DPoP chapter's server-side call of the Payments API, where the key is. Served by the proxy,
 * not by a Server Action, for the refresh's sake: `createFetcher` refreshes an expired token
 * without saving the session (`dist/server/client.js`, `createFetcher`: its `getAccessToken`
 * only calls `getTokenSet`), so the rotated refresh token would be lost and the next refresh a
 * reuse. Here a token about to expire is refreshed first with `getAccessToken(request, response)`,
 * which saves it, inside the DPoP client's refresh guard; the fetcher then reads that session.
 *
 * @example
 * if (path === paths.dpopCall) return dpopCall(request);
 */
export async function dpopCall(request: NextRequest): Promise<Response> {
  const refusal = ownPageRefusal(request, new URL(serverEnv().appBaseUrl).origin);
  if (refusal) return tokenRequestRefusalResponse(refusal);
  const stolen = request.nextUrl.searchParams.get("mode") === "stolen";
  const response = await withDpopRefreshGuard(request, () => callPayments(request, stolen), {
    mayRefresh: true,
  });
  response.headers.set("Cache-Control", "no-store");
  return response;
}

async function callPayments(request: NextRequest, stolen: boolean): Promise<NextResponse> {
  const client = await auth0Dpop();
  // The SDK writes a refreshed session's cookies here; they go out with the answer.
  const carrier = new NextResponse();
  const answer = (body: DpopCallAnswer, status = 200) =>
    NextResponse.json(body, { status, headers: carrier.headers });
  const session = await client.getSession(request);
  if (!session) {
    const message = "Sign in with the DPoP client first (/auth/dpop/login).";
    return answer({ ok: false, error: { code: "missing_session", message } }, 401);
  }
  const { expiresAt = 0, token_type } = session.tokenSet;
  try {
    // Without `token_type` the fetcher would send the token as Bearer (see `dpop-routes.ts`).
    const refresh = expiresAt - Date.now() / 1000 < CALL_MARGIN_SECONDS || !token_type;
    await client.getAccessToken(request, carrier, { refresh });
  } catch (error) {
    if (!(error instanceof SdkError)) throw error;
    const code = (error as SdkError & { code?: string }).code ?? error.name;
    return answer({ ok: false, error: { code, message: error.message } }, 401);
  }

  const exchanges: Exchange[] = [];
  const sent = { token: "", proof: "" };
  // #region fetch-with-auth
  const fetcher = await client.createFetcher(withCookiesOf(request, carrier), {
    baseUrl: serverEnv().appBaseUrl,
    useDPoP: true,
    // Only to show the page what went over the wire: the proofs, the nonce round trip.
    fetch: recordingFetch("the SDK's fetcher", exchanges, sent),
  });
  const payments = await fetcher.fetchWithAuth(paths.paymentsApi).catch(() => null);
  // #endregion
  if (stolen && payments?.ok) await stealAndReplay(sent, exchanges);
  return answer({ ok: true, exchanges, token: { jkt: jktOf(sent.token) } });
}

function jktOf(token: string): string | null {
  try {
    const [, payload = ""] = token.split(".");
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as {
      cnf?: { jkt?: string };
    };
    return claims.cnf?.jkt ?? null;
  } catch {
    return null;
  }
}
