"""The registry of senders: settings name which one carries each channel (email, text, post)."""

from django.conf import settings
from django.utils.module_loading import import_string

from engagement.messaging.channels.base import Delivery, DeliveryError, Sender

__all__ = ["Delivery", "DeliveryError", "Sender", "reset", "sender_for"]

_instances: dict[str, Sender] = {}


def sender_for(channel: str) -> Sender:
    """The configured sender for email, text or post (MESSAGING_CHANNELS in settings)."""
    path = settings.MESSAGING_CHANNELS[channel]
    if path not in _instances:
        _instances[path] = import_string(path)()
    return _instances[path]


def reset() -> None:
    """Forget the senders made so far (tests that change the channel settings)."""
    _instances.clear()
