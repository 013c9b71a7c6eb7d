"""The provider's rate limit, shared by every worker process: a token bucket in Redis.

Celery's own rate_limit counts per worker process, so two workers would send at twice
the limit. Here each send reserves a token in one Redis script; when the bucket is empty
the reservation says how long to wait, so sends are spaced at the limit across all workers.

Notify counts sends in any rolling minute. A bucket lets a burst of its size through on top
of its rate, so the rate is set a little under the limit: no 60 seconds ever hold more than
`per_minute` sends, even with a few milliseconds between reserving and sending.
"""

import functools
import time

from django.conf import settings

# tokens may go below zero: each caller reserves its own slot in the future and waits for it.
_RESERVE = """
local rate = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local max_wait = tonumber(ARGV[3])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
local wait = 0
if tokens < 1 then wait = (1 - tokens) / rate end
if wait > max_wait then return tostring(-wait) end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens - 1), 'at', tostring(now))
redis.call('EXPIRE', KEYS[1], 3600)
return tostring(wait)
"""


class RateLimited(Exception):
    """The bucket is booked up further ahead than a worker should wait."""

    def __init__(self, wait: float):
        super().__init__(f"Rate limit: next slot in {wait:.1f} s")
        self.wait = wait


class SharedRateLimit:
    def __init__(self, redis_url: str, *, per_minute: int, name: str):
        import redis

        self.key = f"messaging:rate:{name}"
        self.capacity = max(1, per_minute // 100)
        self.rate = (per_minute * 0.98 - self.capacity) / 60
        self._redis = redis.Redis.from_url(redis_url)
        self._reserve = self._redis.register_script(_RESERVE)

    def acquire(self, *, max_wait: float = 30.0) -> float:
        """Wait for this process's turn to send one message; return how long it waited."""
        wait = float(self._reserve(keys=[self.key], args=[self.rate, self.capacity, max_wait]))
        if wait < 0:
            raise RateLimited(-wait)
        if wait:
            time.sleep(wait)
        return wait

    def reset(self) -> None:
        self._redis.delete(self.key)


def rate_limit_for(name: str) -> SharedRateLimit | None:
    """The shared limit for one provider key, or None when there is no Redis or no limit."""
    per_minute = settings.MESSAGING_RATE_LIMIT_PER_MINUTE
    return _shared_limit(settings.REDIS_URL, per_minute, name) if per_minute and settings.REDIS_URL else None


@functools.cache
def _shared_limit(redis_url: str, per_minute: int, name: str) -> SharedRateLimit:
    return SharedRateLimit(redis_url, per_minute=per_minute, name=name)
