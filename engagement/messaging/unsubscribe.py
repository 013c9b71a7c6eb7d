"""Unsubscribe links that work without signing in: a token names the resident and channel, and is signed.

Kept short, as every character of a text message costs: the resident id, one letter for the
channel and 12 characters of an HMAC (72 bits: guessing one is hopeless). Links sent before
this (Django's full signatures, under /messages/unsubscribe/) keep working.
"""

import base64
import re

from django.conf import settings
from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

from engagement.links import site_url

_SALT = "messaging.unsubscribe"
_CHANNEL_LETTERS = {"email": "e", "text": "t", "post": "p"}
_CHANNELS = {letter: channel for channel, letter in _CHANNEL_LETTERS.items()}
_SHORT = re.compile(r"(\d+)([etp])([A-Za-z0-9_-]{12})")


def _mac(resident_id: int, letter: str, secret: str | None = None) -> str:
    digest = salted_hmac(_SALT, f"{resident_id}{letter}", secret=secret, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).decode()[:12]


def unsubscribe_token(resident_id: int, channel: str) -> str:
    letter = _CHANNEL_LETTERS[channel]
    return f"{resident_id}{letter}{_mac(resident_id, letter)}"


def unsubscribe_url(resident_id: int, channel: str) -> str:
    return site_url("unsubscribe", unsubscribe_token(resident_id, channel))


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    """The (resident id, channel) a token names, or None if it was not made by us."""
    short = _SHORT.fullmatch(token)
    if short:
        resident_id, letter, mac = int(short[1]), short[2], short[3]
        # The current SECRET_KEY, or one it replaced (SECRET_KEY_FALLBACKS), as Django's signer does.
        for secret in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]:
            if constant_time_compare(mac, _mac(resident_id, letter, secret)):
                return resident_id, _CHANNELS[letter]
        return None
    try:
        resident_id, _, channel = signing.Signer(salt=_SALT).unsign(token).partition(".")
        return int(resident_id), channel
    except (signing.BadSignature, ValueError):
        return None
