import "server-only";
import { createClient, type RedisClientType } from "redis";
import { withDeadline } from "@/lib/deadlines/with-deadline";

/** A connected node-redis client (the `redis` package, Redis's own). */
export type RedisClient = RedisClientType;

/**
 * Thrown when Redis cannot answer. The app never falls back to cookie sessions then: `proxy.ts`
 * answers 503 with this message, and a retry works once Redis is back.
 */
export class SessionStoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super(
      "The session store (Redis, REDIS_URL) cannot be reached: sessions cannot be read or saved " +
        "until it is back.",
      { cause },
    );
    this.name = "SessionStoreUnavailableError";
  }
}

/** A connection attempt gives up after this long; a request never hangs on a Redis that is down. */
const CONNECT_TIMEOUT_MS = 2_000;
/**
 * A call (connection included) fails after this long; a request never hangs on a Redis that
 * stalls. node-redis's own per-command `timeout` cannot do it: it stops counting once the
 * command is written, and a stalled server never answers what it was sent.
 */
const CALL_TIMEOUT_MS = 2_000;
/** Reconnects are spaced out up to this, and go on for as long as the process lives. */
const MAX_RECONNECT_DELAY_MS = 2_000;
const clients = new Map<string, Promise<RedisClient>>();

/**
 * The process's one client for `url`, connected on first use. While Redis is unreachable every
 * command fails at once (no offline queue: a request must not wait for a Redis that may not come
 * back) with `SessionStoreUnavailableError`, and the client reconnects in the background.
 *
 * @example
 * const client = await redisClient(serverEnv().redisUrl);
 * await client.ping();
 */
export function redisClient(url: string): Promise<RedisClient> {
  let client = clients.get(url);
  if (!client) {
    client = connect(url);
    clients.set(url, client);
    // A failed first connection is retried by the next request, not cached for good.
    client.catch(() => clients.delete(url));
  }
  return client;
}

async function connect(url: string): Promise<RedisClient> {
  let connected = false;
  // One log line per outage, not one per failed reconnect.
  let outageLogged = false;
  const client: RedisClient = createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: CONNECT_TIMEOUT_MS,
      // A first connection that fails is not retried here (the request that asked gets its 503
      // now, the next request tries again); a lost connection is retried in the background.
      reconnectStrategy: (retries, cause) =>
        connected ? Math.min(100 * 2 ** retries, MAX_RECONNECT_DELAY_MS) : cause,
    },
  });
  // Without a listener an "error" event would end the process.
  client.on("error", (error: unknown) => {
    if (outageLogged) return;
    outageLogged = true;
    console.error(`[sessions] Redis at ${redacted(url)} is unreachable:`, String(error));
  });
  client.on("ready", () => {
    if (outageLogged) console.error(`[sessions] Redis at ${redacted(url)} is back.`);
    outageLogged = false;
  });
  try {
    await withTimeout(client.connect(), CONNECT_TIMEOUT_MS);
    connected = true;
  } catch (error) {
    if (client.isOpen) client.destroy();
    throw new SessionStoreUnavailableError(error);
  }
  return client;
}

/**
 * Runs one Redis call, naming any failure as `SessionStoreUnavailableError`, and a call with no
 * answer within `CALL_TIMEOUT_MS` as one too. A command that timed out may still run when the
 * server wakes up: the writes that matter are versioned (the store) or owned (the lock).
 *
 * @example
 * const record = await storeCall(() => client.hGetAll(key));
 */
export async function storeCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await withTimeout(call(), CALL_TIMEOUT_MS);
  } catch (error) {
    throw error instanceof SessionStoreUnavailableError
      ? error
      : new SessionStoreUnavailableError(error);
  }
}

/** `promise`, or an error naming the deadline after `ms`. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return withDeadline(promise, ms, () => new Error(`no answer within ${ms} ms`));
}

/** The URL without its password, for logs. */
function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable REDIS_URL)";
  }
}
