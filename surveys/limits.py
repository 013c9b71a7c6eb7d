"""A simple limit on guessing (letter codes, tenancy details): so many wrong tries per hour per address."""

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 3600


def _key(request, what: str) -> str:
    return f"surveys:guesses:{what}:{request.META.get('REMOTE_ADDR', '')}"


def guesses_left(request, what: str) -> int:
    return max(settings.SURVEY_CODE_ATTEMPTS_PER_HOUR - cache.get(_key(request, what), 0), 0)


def guess_failed(request, what: str) -> None:
    key = _key(request, what)
    if cache.add(key, 1, WINDOW_SECONDS):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, WINDOW_SECONDS)
