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

// Moves an unchanged session's expiry, and its indexes' with it: a session that is only viewed,
// never rewritten, must stay reachable by a logout token for as long as it lives.
// KEYS: the record, its user's index (a set: never shortened, another session of the user may
// outlive this one), its sid's index when it has one (taken only when free: a newer session of
// the same sid keeps it). ARGV: touchedAt, ttl in ms, the session's id.
// Returns 1, or 0 when it is gone.
export const TOUCH = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'touchedAt', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('SADD', KEYS[2], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[2], 'GT')
redis.call('PEXPIRE', KEYS[2], ARGV[2], 'NX')
if KEYS[3] then
  local named = redis.call('GET', KEYS[3])
  if not named or named == ARGV[3] then redis.call('SET', KEYS[3], ARGV[3], 'PX', ARGV[2]) end
end
return 1`;
