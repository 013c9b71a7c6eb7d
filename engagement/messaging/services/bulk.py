"""Bulk sends: an officer's message to an audience, recorded in one transaction and dispatched in batches."""

import logging
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from engagement.messaging import registry
from engagement.messaging.audience import Audience
from engagement.messaging.models import BulkSend, Message
from engagement.messaging.services.outbox import enqueue
from engagement.messaging.services.reach import standard_personalisation
from engagement.models import Channel, Resident

log = logging.getLogger(__name__)

# Rows per INSERT: large enough to be quick, small enough to keep memory flat.
_INSERT_BATCH = 5000


def bulk_send_create(
    *,
    audience: Audience,
    template: str,
    description: str,
    personalisation: dict,
    officer=None,
    personalise: Callable[[Resident, str], dict] | None = None,
    form_token: str | None = None,
) -> BulkSend:
    """Record one message for everyone in the audience we may reach, in one transaction, then dispatch.

    `personalisation` (the officer's subject and words) is stored once on the send; `personalise`
    adds what differs per resident (a survey's personal link, say). Each message's key names the
    send and the resident, so recording it twice records nothing more.
    """
    message_type = registry.get(template)
    audience.purpose = message_type.purpose
    with transaction.atomic():
        bulk_send = BulkSend.objects.create(
            template=template,
            description=description,
            audience=audience.as_json(),
            personalisation=personalisation,
            created_by=officer,
            form_token=form_token,
        )
        rows: list[Message] = []
        for resident in audience.with_channels().iterator(chunk_size=2000):
            channel = audience.channel_for(resident)
            if channel is None:
                continue
            own = standard_personalisation(resident, channel, message_type.purpose)
            # Shared on the send; no need to store it 100,000 times.
            del own["site_url"], own["service_name"]
            if personalise is not None:
                own.update(personalise(resident, channel))
            rows.append(
                Message(
                    idempotency_key=f"bulk-send:{bulk_send.pk}:{resident.pk}",
                    resident_id=resident.pk,
                    channel=channel,
                    purpose=message_type.purpose,
                    template=template,
                    letter_fallback=audience.letter_fallback and channel == Channel.POST,
                    personalisation=own,
                    batch=bulk_send,
                )
            )
            if len(rows) >= _INSERT_BATCH:
                Message.objects.bulk_create(rows, ignore_conflicts=True)
                rows = []
        Message.objects.bulk_create(rows, ignore_conflicts=True)
        bulk_send.personalisation = {**standard_personalisation(None, "", message_type.purpose), **personalisation}
        bulk_send.recorded = bulk_send.messages.count()
        bulk_send.save(update_fields=["personalisation", "recorded"])
        transaction.on_commit(lambda: bulk_send_dispatch_later(bulk_send.pk), robust=True)
    return bulk_send


def bulk_send_dispatch_later(bulk_send_id: int) -> None:
    """Ask a worker to dispatch the send; if the broker is down, the sweep dispatches its messages."""
    from engagement.messaging.tasks import dispatch_bulk_send

    try:
        dispatch_bulk_send.apply_async(args=[bulk_send_id], queue=settings.MESSAGING_QUEUE, retry=False)
    except Exception:  # the broker's errors vary by transport; the messages are safe in the outbox
        log.warning("Could not dispatch bulk send %s; the sweep will", bulk_send_id, exc_info=True)


def bulk_send_dispatch(*, bulk_send_id: int) -> int:
    """Hand the send's queued messages to the workers in batches. Safe to run twice."""
    ids = list(
        Message.objects.filter(batch_id=bulk_send_id, status=Message.Status.QUEUED, enqueued_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    handed = enqueue(ids)
    BulkSend.objects.filter(pk=bulk_send_id, dispatched_at__isnull=True).update(dispatched_at=timezone.now())
    return handed


# How progress is shown to officers: statuses grouped the way they think of them.
PROGRESS_GROUPS = {
    "waiting": (Message.Status.QUEUED, Message.Status.SENDING),
    "sent": (Message.Status.SENT, Message.Status.DELIVERED),
    "delivered": (Message.Status.DELIVERED,),
    "failed": (Message.Status.FAILED, Message.Status.PERMANENTLY_FAILED),
    "not_sent": (Message.Status.WITHHELD, Message.Status.CANCELLED),
}


def bulk_send_progress(bulk_send: BulkSend) -> dict:
    """How many of the send's messages are waiting, sent, delivered, failed or not sent, and by which channel."""
    rows = bulk_send.messages.order_by().values("status", "channel").annotate(count=Count("pk"))
    by_status: dict[str, int] = {}
    by_channel: dict[str, int] = {}
    for row in rows:
        by_status[row["status"]] = by_status.get(row["status"], 0) + row["count"]
        by_channel[row["channel"]] = by_channel.get(row["channel"], 0) + row["count"]
    progress = {group: sum(by_status.get(s, 0) for s in statuses) for group, statuses in PROGRESS_GROUPS.items()}
    progress["total"] = sum(by_status.values())
    progress["retrying"] = (
        bulk_send.messages.filter(status=Message.Status.FAILED, send_after__isnull=False).count()
        if by_status.get(Message.Status.FAILED)
        else 0
    )
    progress["finished"] = progress["waiting"] == 0 and progress["retrying"] == 0
    progress["by_channel"] = {channel: by_channel.get(channel, 0) for channel in Channel.values}
    return progress
