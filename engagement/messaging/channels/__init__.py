"""The registry of senders: settings name which one carries each channel (email, text, post)."""

import functools

from django.conf import settings
from django.utils.module_loading import import_string

from engagement.messaging.channels.base import Delivery, DeliveryError, Sender

__all__ = ["Delivery", "DeliveryError", "Sender", "letter_sender_for", "reset", "sender_for"]

# Large print letters are printed in-house when the usual letter sender cannot print them.
LARGE_PRINT_SENDER = "engagement.messaging.channels.development.PrintRoomLetterChannel"


@functools.cache
def _sender(path: str) -> Sender:
    return import_string(path)()


def sender_for(channel: str) -> Sender:
    """The configured sender for email, text or post (MESSAGING_CHANNELS in settings)."""
    return _sender(settings.MESSAGING_CHANNELS[channel])


def letter_sender_for(resident) -> Sender:
    """The sender for a letter to this resident: the print room when they need large print and the
    configured sender (Notify) cannot print it."""
    from engagement.messaging.services.letters import resident_wants_large_print

    sender = sender_for("post")
    if sender.prints_large_print or not resident_wants_large_print(resident):
        return sender
    return _sender(LARGE_PRINT_SENDER)


def reset() -> None:
    """Forget the senders made so far (tests that change the channel settings)."""
    _sender.cache_clear()
