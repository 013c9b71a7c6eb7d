"""Unsubscribe links that work without signing in: a signed token names the resident and channel.

Kept short (resident id, channel and a signature), as every character of a text message costs.
"""

import functools

from django.conf import settings
from django.core import signing

from engagement.links import site_url


def _signer() -> signing.Signer:
    # Made when needed, so it uses the current SECRET_KEY (and SECRET_KEY_FALLBACKS after a rotation).
    return signing.Signer(salt="messaging.unsubscribe")


def unsubscribe_token(resident_id: int, channel: str) -> str:
    return _signer().sign(f"{resident_id}.{channel}")


def unsubscribe_url(resident_id: int, channel: str) -> str:
    return _url_around(settings.SITE_URL).replace("TOKEN", unsubscribe_token(resident_id, channel))


@functools.cache
def _url_around(_for_site_url: str) -> str:
    # Worked out once per SITE_URL: a bulk send makes one link per message as it goes.
    return site_url("messaging:unsubscribe", "TOKEN")


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    """The (resident id, channel) a token names, or None if it was not made by us."""
    try:
        resident_id, _, channel = _signer().unsign(token).partition(".")
        return int(resident_id), channel
    except (signing.BadSignature, ValueError):
        return None
