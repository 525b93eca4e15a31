/**
 * The Lua scripts of the Redis stores. Each touches exactly one key, named in KEYS (what Redis Cluster needs),
 * and runs atomically on the server. Times come from the caller's clock as Unix seconds in ARGV, so every
 * receiver judges expiry by the same rule as the memory and SQLite stores; PEXPIRE only collects garbage.
 */

/** KEYS[1] nonce; ARGV: now, expiresAt, ttlMs. Returns 1 when claimed, 0 for a live nonce. */
export const CLAIM_NONCE = `
local expires = redis.call('GET', KEYS[1])
if expires and tonumber(expires) > tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1
`;

/**
 * KEYS[1] bucket; ARGV: now, perMinute. A token bucket of perMinute tokens refilled at perMinute/60 a second.
 * Returns {1, 0} when allowed, else {0, seconds until one token is back}.
 */
export const TAKE_TOKEN = `
local now = tonumber(ARGV[1])
local size = tonumber(ARGV[2])
local rate = size / 60
local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = size
local at = now
if bucket[1] then
  local last = tonumber(bucket[2])
  tokens = math.min(size, tonumber(bucket[1]) + math.max(0, now - last) * rate)
  at = math.max(now, last)
end
local ok = 0
if tokens >= 1 then
  tokens = tokens - 1
  ok = 1
end
redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens), 'at', string.format('%.17g', at))
redis.call('PEXPIRE', KEYS[1], 120000)
if ok == 1 then return {1, 0} end
return {0, math.ceil((1 - tokens) / rate)}
`;

/**
 * KEYS[1] inbox record (a hash: state, hash, token, lease, answer); ARGV: fieldsHash, token, now, leaseUntil,
 * keepMs. Returns {'claimed', token} | {'done', answer} | {'conflict', recordedHash} | {'in_progress', leaseUntil}.
 */
export const CLAIM_INBOX = `
local record = redis.call('HMGET', KEYS[1], 'state', 'hash', 'lease', 'answer')
if record[1] == 'done' then
  if record[2] == ARGV[1] then return {'done', record[4]} end
  return {'conflict', record[2]}
end
if record[1] == 'processing' and tonumber(record[3]) > tonumber(ARGV[3]) then
  if record[2] ~= ARGV[1] then return {'conflict', record[2]} end
  return {'in_progress', record[3]}
end
redis.call('HSET', KEYS[1], 'state', 'processing', 'hash', ARGV[1], 'token', ARGV[2], 'lease', ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return {'claimed', ARGV[2]}
`;

/** KEYS[1] inbox record; ARGV: token, answer, keepMs. Returns 1 when recorded done, 0 when the token lost the claim. */
export const COMPLETE_INBOX = `
local record = redis.call('HMGET', KEYS[1], 'state', 'token')
if record[1] ~= 'processing' or record[2] ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'state', 'done', 'answer', ARGV[2])
redis.call('HDEL', KEYS[1], 'token', 'lease')
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
`;

/** KEYS[1] inbox record; ARGV: token. Deletes the record when the token still holds the claim. */
export const RELEASE_INBOX = `
local record = redis.call('HMGET', KEYS[1], 'state', 'token')
if record[1] == 'processing' and record[2] == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
`;

/** One of the scripts above as a Lua function of (key, argv), for {@link ADMIT}. */
function asFunction(name: string, script: string): string {
  const body = script.replace(/KEYS\[1\]/g, 'key').replace(/ARGV\[(\d+)\]/g, 'argv[$1]');
  return `local function ${name}(key, argv)\n${body.trim()}\nend`;
}

/**
 * One request's admission in one round trip, for a Redis that is not a Cluster (its three keys are in three
 * slots): {@link CLAIM_NONCE}, then when fresh {@link TAKE_TOKEN}, then when allowed {@link CLAIM_INBOX}, the
 * same scripts as functions. KEYS: nonce, bucket, inbox. ARGV: now, expiresAt, ttlMs (the nonce); perMinute, or
 * '' for no rate limit; fieldsHash, or '' for no inbox, token, leaseUntil, keepMs. Returns {0} for a replay,
 * else {1, rateOk (-1: none), retryAfter, inboxState ('' : none), inboxValue}.
 */
export const ADMIT = `
${asFunction('claim_nonce', CLAIM_NONCE)}
${asFunction('take_token', TAKE_TOKEN)}
${asFunction('claim_inbox', CLAIM_INBOX)}
if claim_nonce(KEYS[1], {ARGV[1], ARGV[2], ARGV[3]}) == 0 then return {0} end
local rate = {-1, 0}
if ARGV[4] ~= '' then
  rate = take_token(KEYS[2], {ARGV[1], ARGV[4]})
  if rate[1] == 0 then
    redis.call('DEL', KEYS[1])
    return {1, 0, rate[2], '', ''}
  end
end
if ARGV[5] == '' then return {1, rate[1], rate[2], '', ''} end
local claim = claim_inbox(KEYS[3], {ARGV[5], ARGV[6], ARGV[1], ARGV[7], ARGV[8]})
return {1, rate[1], rate[2], claim[1], claim[2]}
`;
