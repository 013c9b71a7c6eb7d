"""Bulk sends: an officer's message to an audience, recorded in one transaction and dispatched in batches."""

import json
import logging
from collections.abc import Callable

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone

from engagement.messaging import registry
from engagement.messaging.audience import Audience
from engagement.messaging.models import BulkSend, Message
from engagement.messaging.services.outbox import enqueue
from engagement.models import Channel

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
    personalise: Callable[[int, str], dict] | None = None,
    form_token: str | None = None,
) -> BulkSend:
    """Record one message for everyone in the audience we may reach, in one transaction, then dispatch.

    `personalisation` (the officer's subject and words) is stored once on the send; the
    resident's name and unsubscribe link are added when each is sent. `personalise(resident_id,
    channel)` adds what differs per resident (a survey's personal link, say). Each message's key
    names the send and the resident, so recording it twice records nothing more.
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
        rows = [
            (
                f"bulk-send:{bulk_send.pk}:{resident_id}",
                resident_id,
                channel,
                audience.letter_fallback and channel == Channel.POST,
                personalise(resident_id, channel) if personalise else {},
            )
            for resident_id, channel in audience.channels()
            if channel is not None
        ]
        _insert(rows, bulk_send=bulk_send, purpose=message_type.purpose)
        bulk_send.recorded = bulk_send.messages.count()
        bulk_send.save(update_fields=["recorded"])
        transaction.on_commit(lambda: bulk_send_dispatch_later(bulk_send.pk), robust=True)
    return bulk_send


def _insert(rows: list[tuple], *, bulk_send: BulkSend, purpose: str) -> None:
    """Insert the messages, skipping any whose key is already recorded."""
    now = timezone.now()
    if connection.vendor != "postgresql":
        Message.objects.bulk_create(
            [
                Message(
                    idempotency_key=key,
                    resident_id=resident_id,
                    channel=channel,
                    purpose=purpose,
                    template=bulk_send.template,
                    letter_fallback=fallback,
                    personalisation=own,
                    batch=bulk_send,
                )
                for key, resident_id, channel, fallback, own in rows
            ],
            batch_size=_INSERT_BATCH,
            ignore_conflicts=True,
        )
        return
    # PostgreSQL: COPY into a scratch table, then one INSERT … ON CONFLICT DO NOTHING. Ten times
    # quicker than building 100,000 INSERT rows in Python, and just as safe against doubles.
    table = Message._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE messaging_bulk_rows (idempotency_key varchar(200), resident_id bigint, "
            "channel varchar(10), letter_fallback boolean, personalisation jsonb) ON COMMIT DROP"
        )
        with cursor.cursor.copy(
            "COPY messaging_bulk_rows (idempotency_key, resident_id, channel, letter_fallback, personalisation) FROM STDIN"
        ) as copy:
            for key, resident_id, channel, fallback, own in rows:
                copy.write_row((key, resident_id, channel, fallback, json.dumps(own)))
        cursor.execute(
            f"INSERT INTO {table} (idempotency_key, resident_id, to_address, channel, purpose, template, "
            "personalisation, letter_fallback, status, attempts, claim, provider_check_needed, sent_to, provider, "
            "provider_reference, last_error, batch_id, queued_at) "
            "SELECT idempotency_key, resident_id, '', channel, %s, %s, personalisation, letter_fallback, %s, 0, '', "
            "false, '', '', '', '', %s, %s FROM messaging_bulk_rows ON CONFLICT (idempotency_key) DO NOTHING",
            [purpose, bulk_send.template, Message.Status.QUEUED, bulk_send.pk, now],
        )


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
