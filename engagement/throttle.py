"""How often one address may do something on a page open to everyone (contact forms, letter codes).

A count per client address and action in the cache, for an hour. The client's address is the
one allauth's own rate limits use (behind a proxy: TRUSTED_PROXY_COUNT). If the cache cannot be
reached the action is allowed: a resident's message matters more than a spammer's nuisance.
"""

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
        try:
            return cache.get(self._key(request), 0) >= self.limit()
        except Exception:
            log.warning("Cache unavailable: %s not throttled", self.action, exc_info=True)
            return False

    def count(self, request) -> None:
        key = self._key(request)
        try:
            # add, then incr: two at once both count.
            if not cache.add(key, 1, WINDOW_SECONDS):
                try:
                    cache.incr(key)
                except ValueError:  # it expired between the two
                    cache.add(key, 1, WINDOW_SECONDS)
        except Exception:
            log.warning("Cache unavailable: %s not counted", self.action, exc_info=True)


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
    if PUBLIC_MESSAGES.used_up(request):
        form.add_error(None, too_many_messages())
        form.throttled = True
        return False
    PUBLIC_MESSAGES.count(request)
    return True


def status_for(form) -> int:
    """429 for a form turned away by public_message_allowed, so scripts are told too; else 200."""
    return 429 if getattr(form, "throttled", False) else 200
