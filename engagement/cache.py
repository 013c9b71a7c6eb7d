"""The shared cache (Redis), with a stand-in in each web process for when Redis is down or hung.

allauth keeps its sign-in rate limits in the cache, and `engagement.throttle` its counts for
public forms. If Redis cannot be reached (refused, or no answer within a fraction of a second)
the cache carries on in this process's memory, and Redis is left alone for RETRY_AFTER seconds
so the next requests do not wait on it too. Sign-in keeps working and its limits still hold, per
process rather than shared: at most a few times the limit (one per web process) for as long as
Redis is away. Memory rather than the database, so an outage adds no load or tables there, and
the counts it loses when Redis is back only ever start a limit afresh.
"""

import logging
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger(__name__)

REDIS_UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)

# When Redis (by location) last failed us, and so is left alone until (time.monotonic()). Shared by
# the threads of a process: Django makes a cache object per thread.
_left_alone_until: dict[str, float] = {}


class RedisCacheWithFallback(RedisCache):
    def __init__(self, server, params):
        params = {**params, "OPTIONS": dict(params.get("OPTIONS", {}))}
        self.retry_after = params["OPTIONS"].pop("RETRY_AFTER", 10)
        super().__init__(server, params)
        self._location = str(server)
        # Every thread's stand-in is the same memory (LocMemCache shares by name).
        self._fallback = LocMemCache(f"redis-fallback:{server}", {"TIMEOUT": params.get("TIMEOUT", 300)})

    def redis_available(self) -> bool:
        return time.monotonic() >= _left_alone_until.get(self._location, 0.0)

    def _either(self, name, *args, **kwargs):
        if self.redis_available():
            try:
                return getattr(super(), name)(*args, **kwargs)
            except REDIS_UNAVAILABLE as error:
                log.warning(
                    "Cache: Redis unavailable (%s); this process uses its own memory for %s s", error, self.retry_after
                )
                _left_alone_until[self._location] = time.monotonic() + self.retry_after
        return getattr(self._fallback, name)(*args, **kwargs)

    def add(self, *args, **kwargs):
        return self._either("add", *args, **kwargs)

    def get(self, *args, **kwargs):
        return self._either("get", *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._either("set", *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._either("touch", *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._either("delete", *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._either("get_many", *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._either("has_key", *args, **kwargs)

    def incr(self, *args, **kwargs):
        return self._either("incr", *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._either("set_many", *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._either("delete_many", *args, **kwargs)

    def clear(self):
        self._fallback.clear()
        return self._either("clear")
