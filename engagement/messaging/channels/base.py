"""One small interface for every way of sending; an error type that says whether to try again."""

from dataclasses import KW_ONLY, dataclass

from engagement.messaging.registry import RenderedMessage


@dataclass
class DeliveryError(Exception):
    """Sending failed.

    `permanent`: trying again cannot help (a bad number, a bad address).
    `bad_recipient`: the address itself was refused, so officers should check it.
    `maybe_sent`: the provider may have accepted it (a timeout): ask it before sending again.
    `slow_down`: the provider is busy or rate-limiting us: the rest of the batch waits too.
    """

    reason: str
    _: KW_ONLY
    permanent: bool
    bad_recipient: bool = False
    maybe_sent: bool = False
    slow_down: bool = False
    retry_after: int | None = None

    def __str__(self):
        return self.reason


@dataclass(frozen=True)
class Delivery:
    to: str
    provider: str
    reference: str = ""


class Sender:
    """Sends one rendered message to one address, for a channel (email, text or post).

    Subclasses set `name` and implement send(). `rate_limit_name` names the provider key whose
    limit the sends share (None: no limit).
    """

    name = ""
    rate_limit_name: str | None = None
    # Whether letters it sends can be printed in large print (Notify prints every letter at its own size).
    prints_large_print = False
    # Whether it attaches files to emails (Notify sends the words only): what a message says it attached.
    attaches_files = False

    @classmethod
    def configuration_problems(cls) -> list[str]:
        """What is wrong with the settings this sender needs (shown by `manage.py check`)."""
        return []

    @classmethod
    def longest_send_seconds(cls) -> float | None:
        """How long one send can take at most before it gives up (None: it does not wait on anyone)."""
        return None

    def send(self, *, to, message: RenderedMessage, idempotency_key: str) -> Delivery:
        raise NotImplementedError

    def already_sent(self, idempotency_key: str) -> Delivery | None:
        """If the provider can tell, whether a message with this key was already accepted.

        Used before re-sending a message left in "sending" by a worker that died, so it is
        not sent twice. Channels that cannot tell return None.
        """
        return None
