"""The registry of senders: settings name which one carries each channel (email, text, post)."""

from django.conf import settings
from django.utils.module_loading import import_string

from engagement.messaging.channels.base import Delivery, DeliveryError, Sender

__all__ = ["Delivery", "DeliveryError", "Sender", "letter_sender_for", "reset", "sender_for"]

# Large print letters are printed in-house when the usual letter sender cannot print them.
LARGE_PRINT_SENDER = "engagement.messaging.channels.development.PrintRoomLetterChannel"

_instances: dict[str, Sender] = {}


def sender_for(channel: str) -> Sender:
    """The configured sender for email, text or post (MESSAGING_CHANNELS in settings)."""
    path = settings.MESSAGING_CHANNELS[channel]
    if path not in _instances:
        _instances[path] = import_string(path)()
    return _instances[path]


def letter_sender_for(resident) -> Sender:
    """The sender for a letter to this resident: the print room when they need large print and the
    configured sender (Notify) cannot print it."""
    from engagement.messaging.services.letters import resident_wants_large_print

    sender = sender_for("post")
    if sender.prints_large_print or not resident_wants_large_print(resident):
        return sender
    if LARGE_PRINT_SENDER not in _instances:
        _instances[LARGE_PRINT_SENDER] = import_string(LARGE_PRINT_SENDER)()
    return _instances[LARGE_PRINT_SENDER]


def reset() -> None:
    """Forget the senders made so far (tests that change the channel settings)."""
    _instances.clear()
