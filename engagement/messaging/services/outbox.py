"""Recording a message in the outbox, and handing recorded messages to the workers."""

import logging
import time
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from engagement.messaging import registry
from engagement.messaging.models import Message
from engagement.messaging.services.contactable import preferred_channel
from engagement.models import Channel, Resident

log = logging.getLogger(__name__)

# After a publish failed (the broker down, or hung until the socket timeout), this process leaves the
# broker alone for a while, so the requests that follow do not wait on it too.
BROKER_LEFT_ALONE_SECONDS = 10
_broker_left_alone_until = 0.0


def message_queue(
    *,
    template: str,
    key: str,
    resident: Resident | None = None,
    to_address: str = "",
    channel: str | None = None,
    personalisation: dict | None = None,
    letter_fallback: bool = False,
    batch=None,
    send_at: datetime | None = None,
) -> Message | None:
    """Record a message to send once the current transaction commits (not before `send_at`, if given).

    `key` must name this message uniquely (e.g. f"booking-confirmed:{booking.pk}"): the same
    key twice records one message. Without `channel` the resident's preferred permitted
    channel is used; None is returned when there is no way we may reach them. Consent is
    checked again when the message is sent.
    """
    message_type = registry.get(template)
    if channel is None and resident is None:
        channel = Channel.EMAIL
    elif channel is None:
        channel = preferred_channel(resident, message_type.purpose, letter_fallback=letter_fallback)
        if channel is None:
            return None
    message, created = Message.objects.get_or_create(
        idempotency_key=key,
        defaults={
            "resident": resident,
            "to_address": to_address,
            "channel": channel,
            "purpose": message_type.purpose,
            "template": template,
            "letter_fallback": letter_fallback and channel == Channel.POST,
            # The resident's name and unsubscribe link are added when it is sent.
            "personalisation": personalisation or {},
            "batch": batch,
            "send_after": send_at,
        },
    )
    if created and (send_at is None or send_at <= timezone.now()):
        transaction.on_commit(lambda: enqueue([message.pk], unless_broker_just_failed=True), robust=True)
    return message


def publish(task, *args, queue: str | None = None, unless_broker_just_failed: bool = False) -> bool:
    """Hand a task to the workers. Never raises: False when the broker is down or hung.

    Each try waits at most the broker's socket timeout (CELERY_TASK_PUBLISH_RETRY_POLICY: one more
    try, for a connection Redis closed when it restarted). `unless_broker_just_failed` (for
    requests) gives up at once if a publish from this process failed moments ago.
    """
    global _broker_left_alone_until
    if unless_broker_just_failed and time.monotonic() < _broker_left_alone_until:
        return False
    try:
        task.apply_async(args=args, queue=queue)
    except Exception:  # the broker's errors vary by transport
        log.warning("Could not hand %s%s to the workers", task.name, args, exc_info=True)
        _broker_left_alone_until = time.monotonic() + BROKER_LEFT_ALONE_SECONDS
        return False
    _broker_left_alone_until = 0.0
    return True


def run_soon(task, *args) -> None:
    """An officer's action that records messages (invitations to a survey, say), in a worker once the
    transaction commits. If the broker is away it runs here instead: its messages are recorded, and
    the sweep sends them when the broker is back."""
    transaction.on_commit(
        lambda: publish(task, *args, unless_broker_just_failed=True) or task.apply(args=args), robust=True
    )


def enqueue(ids: list[int], *, unless_broker_just_failed: bool = False) -> int:
    """Hand recorded messages to the workers, a batch per task. Returns how many were handed over.

    If the broker is down, nothing is lost: the messages stay queued in the outbox with no
    `enqueued_at`, and the sweep hands them over when it is back.
    """
    from engagement.messaging.tasks import deliver_messages

    size = settings.MESSAGING_BATCH_SIZE
    for start in range(0, len(ids), size):
        chunk = ids[start : start + size]
        if not publish(
            deliver_messages, chunk, queue=settings.MESSAGING_QUEUE, unless_broker_just_failed=unless_broker_just_failed
        ):
            log.info("%s message(s) left for the sweep", len(ids) - start)
            return start
        Message.objects.filter(pk__in=chunk, status=Message.Status.QUEUED).update(enqueued_at=timezone.now())
    return len(ids)
