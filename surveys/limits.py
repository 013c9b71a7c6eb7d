"""A simple limit on guessing tenancy details: so many wrong tries per hour per address.

(Codes from letters have their own limit, on messaging's code page.)
"""

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 3600


def _key(request, what: str) -> str:
    # The client's address as allauth's own rate limits see it (behind a proxy: ALLAUTH_TRUSTED_PROXY_COUNT).
    return f"surveys:guesses:{what}:{get_adapter(request).get_client_ip(request)}"


def guesses_left(request, what: str) -> int:
    return max(settings.SURVEY_TENANCY_CHECKS_PER_HOUR - cache.get(_key(request, what), 0), 0)


def guess_failed(request, what: str) -> None:
    key = _key(request, what)
    if cache.add(key, 1, WINDOW_SECONDS):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, WINDOW_SECONDS)
