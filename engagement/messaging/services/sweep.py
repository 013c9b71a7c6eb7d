"""The periodic sweep (Celery beat): nothing recorded is ever left behind.

It hands to the workers messages that were recorded while the broker was down, scheduled
messages that are now due, messages whose broker copy was lost, retries whose task was lost,
and messages left in "sending" by a worker that died (those are checked with the provider first).
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from engagement.messaging.models import Message
from engagement.messaging.services.outbox import enqueue

# At most this many per sweep; the next sweep takes the rest.
SWEEP_LIMIT = 20_000


def messages_to_sweep():
    now = timezone.now()
    grace = now - timedelta(seconds=settings.MESSAGING_SWEEP_AFTER_SECONDS)
    due = Q(send_after__isnull=True) | Q(send_after__lte=now)
    never_handed_over = Q(enqueued_at__isnull=True) & (Q(queued_at__lt=grace) | Q(send_after__isnull=False))
    lost_by_broker = Q(enqueued_at__lt=now - timedelta(seconds=settings.MESSAGING_REQUEUE_AFTER_SECONDS))
    return Message.objects.filter(
        (Q(status=Message.Status.QUEUED) & due & (never_handed_over | lost_by_broker))
        | Q(
            status=Message.Status.SENDING,
            sending_at__lt=now - timedelta(seconds=settings.MESSAGING_STUCK_AFTER_SECONDS),
        )
        | Q(status=Message.Status.FAILED, send_after__lt=grace, attempts__lt=settings.MESSAGING_MAX_ATTEMPTS)
    )


def messages_sweep() -> int:
    """Hand forgotten and due messages to the workers. Returns how many."""
    ids = list(messages_to_sweep().order_by("pk").values_list("pk", flat=True)[:SWEEP_LIMIT])
    return enqueue(ids)
