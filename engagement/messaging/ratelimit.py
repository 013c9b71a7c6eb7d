"""The provider's rate limit, shared by every worker process: a count per second in the cache (Redis).

Celery's own rate_limit counts per worker process, so two workers would send at twice the
limit. Here each send counts itself against the current second, in one atomic increment in
the shared cache (as `engagement.throttle` counts tries); once that second is full, the
sender waits for the next.

Notify counts sends in any rolling 60 seconds, which can touch 61 whole seconds (62, with
the workers' clocks up to half a second apart), so each second allows a 62nd of the limit.
"""

import time

from django.conf import settings
from django.core.cache import cache


def rate_limit_wait(name: str) -> None:
    """Wait until one more message may be sent on this provider key (at once, when there is no limit)."""
    per_minute = settings.MESSAGING_RATE_LIMIT_PER_MINUTE
    if not per_minute:
        return
    while True:
        now = time.time()
        key = f"messaging:rate:{name}:{int(now)}"
        cache.add(key, 0, timeout=10)
        try:
            if cache.incr(key) <= max(1, per_minute // 62):
                return
        except ValueError:  # it expired between the two: count again
            continue
        time.sleep(1 - now % 1)
