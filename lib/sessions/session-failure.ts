import "server-only";
import { SessionStoreUnavailableError } from "@/lib/sessions/redis-client";
import { LockWaitTimeoutError } from "@/lib/sessions/lock-wait-timeout-error";
import { RefreshFailedWhileWaitingError } from "@/lib/sessions/refresh-failures";

/** The two ways the Redis session mode can fail a request; the UI explains both codes. */
export type SessionFailureCode = "session_store_unavailable" | "session_busy";

const failures: Record<
  SessionFailureCode,
  { title: string; message: string; whatToDo: string; retryAfterSeconds: number }
> = {
  session_store_unavailable: {
    title: "Sessions are unavailable",
    message:
      "The session store (Redis, REDIS_URL) cannot be reached, so no session can be read or saved.",
    whatToDo:
      "Nothing was lost: try again in a few seconds. If you run the app, check that redis-server " +
      "is running and that REDIS_URL points at it.",
    retryAfterSeconds: 5,
  },
  session_busy: {
    title: "Your session is busy",
    message:
      "Another request of this session is refreshing its tokens, or its refresh just failed.",
    whatToDo: "Try again in a moment.",
    retryAfterSeconds: 1,
  },
};

/**
 * The 503 to answer when the session mode failed a request, or `null` when `error` is something
 * else (then it is the app's bug, and Next.js reports it as such). JSON in the SDK's error shape
 * for the token route, so the browser's `getAccessToken` throws an `AccessTokenError` with the
 * code; a short HTML page for anything else. Never a fallback to cookie sessions, never a hang.
 *
 * @example
 * try { return await tokenRoute(request); }
 * catch (error) { return sessionFailureResponse(error, { json: true }) ?? Promise.reject(error); }
 */
export function sessionFailureResponse(
  error: unknown,
  { json }: { json: boolean },
): Response | null {
  const code: SessionFailureCode | null =
    error instanceof SessionStoreUnavailableError
      ? "session_store_unavailable"
      : error instanceof LockWaitTimeoutError || error instanceof RefreshFailedWhileWaitingError
        ? "session_busy"
        : null;
  if (code === null) return null;
  const { title, message, whatToDo, retryAfterSeconds } = failures[code];
  const headers = { "Retry-After": String(retryAfterSeconds), "Cache-Control": "no-store" };
  if (json) return Response.json({ error: { code, message } }, { status: 503, headers });
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>` +
    `<body><main><h1>${title}</h1><p>${message}</p><p>${whatToDo}</p>` +
    `<p><code>${code}</code></p><p><a href="">Try again</a></p></main></body></html>`;
  return new Response(html, {
    status: 503,
    headers: { ...headers, "Content-Type": "text/html; charset=utf-8" },
  });
}
