"""How often one address may do something on a page open to everyone (contact forms, letter codes).

A count per client address and action in the cache, for an hour. The client's address is the
one allauth's own rate limits use (behind a proxy: TRUSTED_PROXY_COUNT). If the cache cannot be
reached the action is allowed: a resident's message matters more than a spammer's nuisance.
"""

import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache

log = logging.getLogger(__name__)

WINDOW_SECONDS = 3600


@dataclass(frozen=True)
class Throttle:
    action: str
    per_hour: int | Callable[[], int]  # a callable reads a setting when it is used

    def limit(self) -> int:
        return self.per_hour() if callable(self.per_hour) else self.per_hour

    def _key(self, request) -> str:
        return f"throttle:{self.action}:{get_adapter(request).get_client_ip(request)}"

    def used_up(self, request) -> bool:
        """Whether this address has no tries left (to say so on the page before it tries)."""
        try:
            return cache.get(self._key(request), 0) >= self.limit()
        except Exception:
            log.warning("Cache unavailable: %s not throttled", self.action, exc_info=True)
            return False

    def take(self, request) -> bool:
        """Count one try and say whether it may go ahead.

        The try is counted before it is made, in one atomic step (an increment in the cache), so
        many tries at once cannot all see the same count: exactly `limit` of them go ahead.
        """
        key = self._key(request)
        try:
            for _ in range(2):
                cache.add(key, 0, WINDOW_SECONDS)
                try:
                    return cache.incr(key) <= self.limit()
                except ValueError:  # it expired between the two: start a new window
                    continue
        except Exception:
            log.warning("Cache unavailable: %s not throttled", self.action, exc_info=True)
        return True

    def give_back(self, request) -> None:
        """Uncount a try that turned out not to count (the right code, say): only wrong ones are limited."""
        # Expired, or the cache is down: nothing to give back.
        with contextlib.suppress(Exception):
            cache.decr(self._key(request))


# Messages sent through a public form, per address per hour: a busy shared connection (a library,
# a community centre) stays well inside it; a script filling committees' inboxes does not.
PUBLIC_MESSAGES = Throttle("public-message", per_hour=10)


def too_many_messages() -> str:
    return (
        "You have sent a lot of messages from this connection in the last hour. Please try again later, "
        f"or email community relations at {settings.COMMUNITY_RELATIONS_EMAIL}"
    )


def public_message_allowed(request, form) -> bool:
    """Count one message sent through a public form; or, if the address has sent too many, say so on the form."""
    if not PUBLIC_MESSAGES.take(request):
        form.add_error(None, too_many_messages())
        form.throttled = True
        return False
    return True


def status_for(form) -> int:
    """429 for a form turned away by public_message_allowed, so scripts are told too; else 200."""
    return 429 if getattr(form, "throttled", False) else 200
