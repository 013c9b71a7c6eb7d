"""The registry of channels: settings name which one carries each kind of message."""

from django.conf import settings
from django.utils.module_loading import import_string

from engagement.messaging.channels.base import Channel, Delivery, DeliveryError

__all__ = ["Channel", "Delivery", "DeliveryError", "channel_for", "reset"]

_instances: dict[str, Channel] = {}


def channel_for(channel: str) -> Channel:
    """The configured sender for email, text or post (MESSAGING_CHANNELS in settings)."""
    path = settings.MESSAGING_CHANNELS[channel]
    if path not in _instances:
        _instances[path] = import_string(path)()
    return _instances[path]


def reset() -> None:
    """Forget the senders made so far (tests that change the channel settings)."""
    _instances.clear()
