-- Hits against a fixed-window rate limit (RateLimits): adds ARGV[2] hits to the counter KEYS[1], starting its window
-- of ARGV[1] milliseconds with its first hits, and returns {count, milliseconds until the window ends}. A counter left
-- without an expiry (none should be) gets one, so that no subject is ever limited for good.
local count = redis.call('INCRBY', KEYS[1], ARGV[2])
if count == tonumber(ARGV[2]) then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
