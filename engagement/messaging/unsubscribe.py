"""Unsubscribe links that work without signing in: a signed token names the resident and channel."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

_SALT = "messaging.unsubscribe"


def unsubscribe_token(resident_id: int, channel: str) -> str:
    return signing.dumps({"r": resident_id, "c": channel}, salt=_SALT, compress=True)


def unsubscribe_url(resident_id: int, channel: str) -> str:
    return settings.SITE_URL + reverse("messaging:unsubscribe", args=[unsubscribe_token(resident_id, channel)])


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    """The (resident id, channel) a token names, or None if it was not made by us."""
    try:
        data = signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        return None
    return data["r"], data["c"]
