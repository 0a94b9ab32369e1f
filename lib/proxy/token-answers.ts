import "server-only";

/** The SDK's answer to a token request that found its token in the session. */
type TokenAnswer = { token: string; scope?: string; expires_at: number; token_type?: string };

type Kept = { answer: TokenAnswer; version: string; until: number };

/**
 * Whose answer a token request asks for, and how to tell that it is still the SDK's answer:
 * - `session`: the cookie's value, or the stored session's id; `query`: the request's query;
 * - `version`: what changes with every write of the session (a stored session's `version`; ""
 *   for a cookie session, whose value changes with every write);
 * - `readableUntil`: until when (epoch seconds) the SDK reads this session at all (the cookie's
 *   own expiry, the session's ceiling); `null` when it cannot be told, and nothing is kept.
 */
export type AnswerScope = {
  session: string;
  query: string;
  version: string;
  readableUntil: () => Promise<number | null>;
};

/** Reused until this long before the token expires: the SDK then refreshes it, not this. */
const FRESH_MARGIN_SECONDS = 5;
/** At most this many sessions' answers, the oldest dropped first: a flood of cookies cannot grow memory. */
const MAX_SESSIONS = 1_000;
/**
 * At most this many answers per session, the oldest dropped first: one session asking with ever
 * new queries pushes out its own answers, not other sessions'.
 */
const MAX_QUERIES_PER_SESSION = 8;

/**
 * The token route's answers, kept per session and query: the SDK reads the whole session (it
 * decrypts a 5 KB cookie, or reads Redis and decrypts the id cookie) to answer each token request,
 * and most of them ask again for a token it already answered with. For the same session, unchanged
 * (the same cookie value, or the same stored version), and the same query, the SDK would answer
 * with the same token until that token is about to expire (then it refreshes) or the session can
 * no longer be read: an answer is given again only before both, and only if the SDK's answer
 * changed nothing (a `200` without `Set-Cookie`). `expires_in` is counted for each answer, as the
 * SDK does.
 *
 * @example
 * const answers = new TokenAnswers();
 * const response = await answers.answer(scope, () => auth0().middleware(request));
 */
export class TokenAnswers {
  private readonly kept = new Map<string, Map<string, Kept>>();

  constructor(private readonly now: () => number = Date.now) {}

  /** How many answers are kept (for the tests). */
  get size(): number {
    let size = 0;
    for (const answers of this.kept.values()) size += answers.size;
    return size;
  }

  /** The kept answer for `scope`, or `sdk()`'s, kept when it may be given again. */
  async answer(scope: AnswerScope, sdk: () => Promise<Response>): Promise<Response> {
    const kept = this.kept.get(scope.session)?.get(scope.query);
    const nowSeconds = this.now() / 1000;
    if (kept && kept.version === scope.version && nowSeconds < kept.until) {
      return respond(kept.answer, nowSeconds);
    }
    if (kept) this.kept.get(scope.session)?.delete(scope.query);
    const response = await sdk();
    await this.keep(scope, response);
    return response;
  }

  private async keep(scope: AnswerScope, response: Response): Promise<void> {
    if (response.status !== 200 || response.headers.has("set-cookie")) return;
    const answer = tokenAnswerOf(
      await response
        .clone()
        .json()
        .catch(() => null),
    );
    const readableUntil = answer ? await scope.readableUntil() : null;
    if (!answer || readableUntil === null) return;
    const until = Math.min(answer.expires_at - FRESH_MARGIN_SECONDS, readableUntil);
    if (until <= this.now() / 1000) return;
    let answers = this.kept.get(scope.session);
    if (!answers) {
      dropOldest(this.kept, MAX_SESSIONS);
      answers = new Map();
      this.kept.set(scope.session, answers);
    }
    dropOldest(answers, MAX_QUERIES_PER_SESSION);
    answers.set(scope.query, { answer, version: scope.version, until });
  }
}

/** Makes room for one more entry in `map`, in insertion order. */
function dropOldest(map: Map<string, unknown>, max: number): void {
  if (map.size < max) return;
  const oldest = map.keys().next();
  if (!oldest.done) map.delete(oldest.value);
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
