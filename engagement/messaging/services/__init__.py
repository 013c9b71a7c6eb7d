"""Recording messages and delivering them.

Other apps only say who gets which message: `message_queue(template=…, resident=…, key=…,
personalisation=…)`, inside the transaction that causes it (see MESSAGING.md).
"""

from engagement.messaging.services.contactable import preferred_channel
from engagement.messaging.services.delivery import messages_deliver
from engagement.messaging.services.outbox import enqueue, message_queue
from engagement.messaging.services.sweep import messages_sweep

__all__ = ["enqueue", "message_queue", "messages_deliver", "messages_sweep", "preferred_channel"]
