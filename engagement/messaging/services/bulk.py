"""Bulk sends: an officer's message to an audience, recorded in one transaction and dispatched in batches."""

import itertools
from collections import Counter
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, Q
from django.utils import timezone

from engagement.messaging import registry
from engagement.messaging.audience import THE_OCCUPIER, Audience
from engagement.messaging.models import BulkSend, Message
from engagement.messaging.services.outbox import enqueue, publish
from engagement.models import Channel

# Messages per INSERT: large enough to be quick, small enough to keep memory flat.
_INSERT_BATCH = 5000


def bulk_send_create(
    *,
    audience: Audience,
    template: str,
    description: str,
    personalisation: dict,
    officer=None,
    key: str | None = None,
    exclude: Q | Exists | None = None,
    prepare: Callable[[list[tuple[int, str]]], dict[int, dict]] | None = None,
    form_token: str | None = None,
) -> BulkSend | None:
    """Record one message for everyone in the audience we may reach, in one transaction, then dispatch.

    This is the one way anything goes to an audience (officers' sends, survey invitations,
    walkabout promotions). `personalisation` (the same words for all) is stored once on the
    send; the resident's name and unsubscribe link are added when each is sent.

    - `key` names what is sent (e.g. "walkabout-promotion:12"): each message's key is it plus
      the resident, so a resident already sent it under that key is not sent it again. Without
      it the send itself is the key: every send reaches everyone.
    - `exclude`: residents to leave out (those already invited to a survey, say).
    - `prepare(recipients)` is given the (resident id, channel) pairs about to be recorded, a
      chunk at a time, in the send's transaction, and returns what differs per resident (a
      survey's personal link), by resident id.

    Returns None, recording nothing, when there is no one new to send it to.
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
        prefix = key or f"bulk-send:{bulk_send.pk}"
        recipients, reached = [], set()
        for resident_id, tenancy_id, channel in audience.recipients(exclude=exclude):
            if channel:
                recipients.append((resident_id, channel))
                reached.add(tenancy_id)
        own: dict[int, dict] = {}
        if prepare is not None:
            for start in range(0, len(recipients), _INSERT_BATCH):
                own.update(prepare(recipients[start : start + _INSERT_BATCH]))
        messages = (
            Message(
                idempotency_key=f"{prefix}:{resident_id}",
                resident_id=resident_id,
                channel=channel,
                purpose=message_type.purpose,
                template=template,
                letter_fallback=audience.letter_fallback and channel == Channel.POST,
                personalisation=own.get(resident_id, {}),
                batch=bulk_send,
            )
            for resident_id, channel in recipients
        )
        letters = (
            Message(
                idempotency_key=f"{prefix}:household:{tenancy_id}",
                to_address="\n".join([named or THE_OCCUPIER, *address_lines]),
                channel=Channel.POST,
                purpose=message_type.purpose,
                template=template,
                # Not "Dear The occupier": "Dear resident" where the list names no one.
                personalisation={"first_name": named or "resident"},
                batch=bulk_send,
            )
            for tenancy_id, named, address_lines in audience.other_households(reached)
        )
        everyone = itertools.chain(messages, letters)
        # A message whose key is already recorded is skipped: nobody gets the same thing twice.
        while chunk := list(itertools.islice(everyone, _INSERT_BATCH)):
            Message.objects.bulk_create(chunk, ignore_conflicts=True)
        bulk_send.recorded = bulk_send.messages.count()
        if not bulk_send.recorded:
            # Nobody new: no empty send left behind for officers to wonder about.
            bulk_send.delete()
            return None
        bulk_send.save(update_fields=["recorded"])
        from engagement.messaging.tasks import dispatch_bulk_send

        # If the broker is down, the sweep hands its messages over instead.
        transaction.on_commit(
            lambda: publish(
                dispatch_bulk_send, bulk_send.pk, queue=settings.MESSAGING_QUEUE, unless_broker_just_failed=True
            )
        )
    return bulk_send


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
    # A failed message with a time to try again is retrying.
    retrying = Count("pk", filter=Q(status=Message.Status.FAILED, send_after__isnull=False))
    rows = list(
        bulk_send.messages.order_by().values("status", "channel").annotate(count=Count("pk"), retrying=retrying)
    )
    by_status, by_channel = Counter(), Counter()
    for row in rows:
        by_status[row["status"]] += row["count"]
        by_channel[row["channel"]] += row["count"]
    progress = {group: sum(by_status[status] for status in statuses) for group, statuses in PROGRESS_GROUPS.items()}
    progress["total"] = sum(by_status.values())
    progress["retrying"] = sum(row["retrying"] for row in rows)
    progress["finished"] = progress["waiting"] == 0 and progress["retrying"] == 0
    progress["by_channel"] = {channel: by_channel[channel] for channel in Channel.values}
    return progress
