/**
 * The Lua scripts of the Redis session store (`redis-session-store.ts`): each reads and writes a
 * session's record in one atomic step, so that no other instance's write can land in between.
 */

// Writes a changed session if the version still matches (ARGV[1] = "" writes without a version:
// a session that was not read through `get`). Returns 1 written, 0 gone, -1 stale.
export const UPDATE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if ARGV[1] ~= '' and redis.call('HGET', KEYS[1], 'version') ~= ARGV[1] then return -1 end
redis.call('HSET', KEYS[1], 'data', ARGV[2], 'touchedAt', ARGV[3])
redis.call('HINCRBY', KEYS[1], 'version', 1)
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1`;

// Moves an unchanged session's expiry. Returns 1, or 0 when it is gone.
export const TOUCH = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'touchedAt', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;
