"""One small interface for every way of sending; an error type that says whether to try again."""

from dataclasses import dataclass

from engagement.messaging.registry import RenderedMessage


class DeliveryError(Exception):
    """Sending failed. `permanent` means trying again cannot help (a bad number, a bad address)."""

    def __init__(self, reason: str, *, permanent: bool, retry_after: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent
        self.retry_after = retry_after


@dataclass(frozen=True)
class Delivery:
    to: str
    provider: str
    reference: str = ""


class Channel:
    """Sends one rendered message to one address. Subclasses set `name` and implement send()."""

    name = ""

    def send(self, *, to, message: RenderedMessage, idempotency_key: str) -> Delivery:
        raise NotImplementedError

    def already_sent(self, idempotency_key: str) -> Delivery | None:
        """If the provider can tell, whether a message with this key was already accepted.

        Used before re-sending a message left in "sending" by a worker that died, so it is
        not sent twice. Channels that cannot tell return None.
        """
        return None
