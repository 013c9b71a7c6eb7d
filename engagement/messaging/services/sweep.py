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
from engagement.messaging.services.delivery import claimable
from engagement.messaging.services.outbox import enqueue

# At most this many per sweep; the next sweep takes the rest.
SWEEP_LIMIT = 20_000


def messages_sweep() -> int:
    """Hand the workers the claimable messages no task is about to take. Returns how many."""
    now = timezone.now()
    grace = now - timedelta(seconds=settings.MESSAGING_SWEEP_AFTER_SECONDS)
    handed_over_lately = now - timedelta(seconds=settings.MESSAGING_REQUEUE_AFTER_SECONDS)
    awaited = (
        Q(status=Message.Status.QUEUED, enqueued_at__gte=handed_over_lately)
        # Just recorded: it is handed over when its transaction commits.
        | Q(status=Message.Status.QUEUED, enqueued_at__isnull=True, send_after__isnull=True, queued_at__gte=grace)
        # Its retry is still to come.
        | Q(status=Message.Status.FAILED, send_after__gte=grace)
    )
    forgotten = Message.objects.filter(claimable(now) & ~awaited).order_by("pk")
    return enqueue(list(forgotten.values_list("pk", flat=True)[:SWEEP_LIMIT]))
