"""Recording messages and delivering them.

Other apps only say who gets which message: `message_queue(template=…, resident=…,
key=…, personalisation=…)`, inside the transaction that causes it. The message is
recorded there and then, and handed to a worker once the transaction commits. If the
broker is down at that moment nothing is lost: the periodic sweep picks the message up.
"""

from engagement.messaging.services.contactable import (
    CHANNEL_ORDER,
    consents_of,
    permitted,
    preferred_channel,
    standard_personalisation,
)
from engagement.messaging.services.delivery import Outcome, message_deliver, messages_deliver
from engagement.messaging.services.outbox import enqueue, message_queue
from engagement.messaging.services.sweep import messages_sweep, messages_to_sweep

__all__ = [
    "CHANNEL_ORDER",
    "Outcome",
    "consents_of",
    "enqueue",
    "message_deliver",
    "message_queue",
    "messages_deliver",
    "messages_sweep",
    "messages_to_sweep",
    "permitted",
    "preferred_channel",
    "standard_personalisation",
]
