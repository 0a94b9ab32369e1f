import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

/** A stored session's record as Redis returns it (`HGETALL`): field → value. */
export type StoredRecord = Record<string, string>;

const reads = new AsyncLocalStorage<Map<string, Promise<StoredRecord>>>();

/**
 * Runs `task` so that each stored session it reads is read from Redis once: the refresh guard
 * reads the session to decide whether the request may refresh, then the SDK reads it again to
 * answer; inside `readingOnce` the second read is the first one's answer. Only within this one
 * request (nothing is shared with another), and a write of the session drops what was read.
 *
 * @example
 * const response = await readingOnce(async () => {
 *   const session = await store.get(id); // HGETALL
 *   return auth0().middleware(request); // the SDK's own get: no second HGETALL
 * });
 */
export function readingOnce<T>(task: () => Promise<T>): Promise<T> {
  return reads.run(new Map(), task);
}

/**
 * Runs `task` with every read going to Redis again: what a request does once it holds its
 * session's lock, where the session its predecessor wrote must be read, not the one from before.
 *
 * @example
 * return readingOnce(() => ... readingAfresh(() => locks.run(id, handle)));
 */
export function readingAfresh<T>(task: () => Promise<T>): Promise<T> {
  return reads.exit(task);
}

/**
 * The record of `key`: read with `read`, or, inside `readingOnce`, the answer of this request's
 * first read of it. A read that fails is not kept.
 *
 * @example
 * const record = await readRecordOnce(key, () => client.hGetAll(key));
 */
export function readRecordOnce(
  key: string,
  read: () => Promise<StoredRecord>,
): Promise<StoredRecord> {
  const memo = reads.getStore();
  if (!memo) return read();
  let record = memo.get(key);
  if (!record) {
    record = read();
    memo.set(key, record);
    record.catch(() => memo.delete(key));
  }
  return record;
}

/**
 * Drops this request's read of `key`: after a write, the next read goes to Redis.
 *
 * @example
 * await client.del(key);
 * forgetRecordRead(key);
 */
export function forgetRecordRead(key: string): void {
  reads.getStore()?.delete(key);
}
