import "server-only";
import type { NextRequest } from "next/server";
import type { SessionFacts } from "@/lib/refresh-guard/session-facts";
import { sessionCookieKey } from "@/lib/refresh-guard/session-cookies";

/** The SDK's answer to a token request that found its token in the session. */
type TokenAnswer = { token: string; scope?: string; expires_at: number; token_type?: string };

type Kept = { answer: TokenAnswer; until: number };

/** Reused until this long before the token expires: the SDK then refreshes it, not this. */
const FRESH_MARGIN_SECONDS = 5;
/** At most this many answers, the oldest dropped first: a flood of cookies cannot grow memory. */
const MAX_ANSWERS = 1_000;

/**
 * The token route's answers for cookie sessions, kept by the session cookie's exact bytes and the
 * query: the SDK decrypts the whole cookie (about 5 KB with two APIs) to answer each token
 * request, and most of them ask again for a token it already answered with. The same bytes
 * always decrypt to the same session, so for the same query the SDK would answer with the same
 * token, until that token is about to expire (then it refreshes) or the cookie can no longer
 * be read (its `exp`, the session's ceiling): an answer is reused only before both, and only when
 * the SDK's answer changed nothing (a `200` without `Set-Cookie`). `expires_in` is counted again
 * for each answer, as the SDK does.
 *
 * Not for sessions in Redis: there the session can change, or end (a sign-out, a back-channel
 * logout), while the cookie stays the same.
 *
 * @example
 * const answers = new TokenAnswers((request) => cookieSessionFacts(request));
 * const response = await answers.answer(request, () => auth0().middleware(request));
 */
export class TokenAnswers {
  private readonly kept = new Map<string, Kept>();

  constructor(
    private readonly facts: (request: NextRequest) => Promise<SessionFacts | null>,
    private readonly now: () => number = Date.now,
  ) {}

  /** How many answers are kept (for the tests). */
  get size(): number {
    return this.kept.size;
  }

  /** The kept answer for `request`, or `sdk()`'s, kept when it may be reused. */
  async answer(request: NextRequest, sdk: () => Promise<Response>): Promise<Response> {
    const cookie = sessionCookieKey(request);
    if (cookie === "") return sdk();
    const key = `${request.nextUrl.search}\n${cookie}`;
    const kept = this.kept.get(key);
    const nowSeconds = this.now() / 1000;
    if (kept && nowSeconds < kept.until) return respond(kept.answer, nowSeconds);
    if (kept) this.kept.delete(key);
    const response = await sdk();
    await this.keep(key, request, response);
    return response;
  }

  private async keep(key: string, request: NextRequest, response: Response): Promise<void> {
    if (response.status !== 200 || response.headers.has("set-cookie")) return;
    const answer = tokenAnswerOf(
      await response
        .clone()
        .json()
        .catch(() => null),
    );
    const facts = await this.facts(request);
    if (!answer || facts?.readableUntil === undefined) return;
    const until = Math.min(answer.expires_at - FRESH_MARGIN_SECONDS, facts.readableUntil);
    if (until <= this.now() / 1000) return;
    if (this.kept.size >= MAX_ANSWERS) {
      const oldest = this.kept.keys().next();
      if (!oldest.done) this.kept.delete(oldest.value);
    }
    this.kept.set(key, { answer, until });
  }
}

/** The SDK's success body, or `null` for anything else. */
function tokenAnswerOf(body: unknown): TokenAnswer | null {
  if (typeof body !== "object" || body === null) return null;
  const { token, scope, expires_at, token_type } = body as Record<string, unknown>;
  if (typeof token !== "string" || typeof expires_at !== "number") return null;
  if (scope !== undefined && typeof scope !== "string") return null;
  if (token_type !== undefined && typeof token_type !== "string") return null;
  return { token, scope, expires_at, token_type };
}

/** The body the SDK sends, field for field and in its order, with `expires_in` counted now. */
function respond({ token, scope, expires_at, token_type }: TokenAnswer, nowSeconds: number) {
  const expires_in = Math.max(0, expires_at - Math.floor(nowSeconds));
  return Response.json({ token, scope, expires_at, expires_in, ...(token_type && { token_type }) });
}
