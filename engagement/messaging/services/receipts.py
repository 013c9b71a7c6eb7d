"""Delivery receipts from the provider, and contact details that have failed for good."""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from engagement.messaging.models import Message
from engagement.models import Channel, Home, Resident

log = logging.getLogger(__name__)

# Notify's final statuses. Letters say "received" once the printer has posted them.
_DELIVERED = {"delivered", "received"}
_PERMANENT = {"permanent-failure", "validation-failed", "virus-scan-failed"}
# Phone off or inbox full: an officer may send it again later; we do not keep trying.
_TEMPORARY = {"temporary-failure"}
# Notify did not send it (a problem between Notify and its provider): we send it again.
_TECHNICAL = {"technical-failure"}
# Statuses a receipt may move on from. A message an officer queued again is left alone.
_UPDATABLE = (Message.Status.SENDING, Message.Status.SENT, Message.Status.FAILED)


def delivery_receipt_record(
    *, reference: str, provider_reference: str, status: str, to: str = "", completed_at: str | None = None
) -> Message | None:
    """Record what the provider says became of a message. Returns the message, or None if it is not ours."""
    when = (parse_datetime(completed_at) if completed_at else None) or timezone.now()
    with transaction.atomic():
        # Every message we send carries its key as Notify's reference.
        message = (
            Message.objects.select_for_update(of=("self",))
            .select_related("resident__tenancy__home")
            .filter(idempotency_key=reference)
            .first()
            if reference
            else None
        )
        if message is None:
            log.warning("Delivery receipt for a message we do not know: %s / %s", reference, provider_reference)
            return None
        if message.status not in _UPDATABLE:
            return message
        message.provider_reference = message.provider_reference or provider_reference
        message.sent_to = message.sent_to or to[:500]
        message.claim = ""
        if status in _DELIVERED:
            message.status, message.delivered_at = Message.Status.DELIVERED, when
            message.sent_at = message.sent_at or when
        elif status in _PERMANENT | _TEMPORARY | _TECHNICAL:
            permanent = status in _PERMANENT
            message.status = Message.Status.PERMANENTLY_FAILED if permanent else Message.Status.FAILED
            message.failed_at, message.last_error = when, f"Notify: {status}"
            # A technical failure was never sent: the sweep sends it again. Temporary ones wait for an officer.
            message.send_after = timezone.now() if status in _TECHNICAL else None
            if permanent:
                contact_mark_undeliverable(message, reason=message.last_error)
            else:
                message.provider_check_needed = False
        else:
            return message  # still on its way
        # The row is locked: nothing else changed it since it was read.
        message.save()
    return message


def contact_mark_undeliverable(message: Message, *, reason: str) -> bool:
    """Flag the resident's email, mobile or home address as failing, for officers to check and fix.

    Only if it is still the detail the message went to: an officer may have corrected it since.
    """
    resident: Resident | None = message.resident
    if resident is None:
        return False
    log.info("Marking %s of resident %s undeliverable: %s", message.channel, resident.pk, reason)
    if message.channel in (Channel.EMAIL, Channel.TEXT):
        detail = "email" if message.channel == Channel.EMAIL else "mobile"
        current = getattr(resident, detail)
        if message.sent_to and message.sent_to.lower() != current.lower():
            return False
        flagged = Resident.objects.filter(pk=resident.pk, **{detail: current}).update(
            **{f"{detail}_undeliverable": True}
        )
        return flagged > 0
    home = resident.home
    if home is None or (message.sent_to and home.address_line_1 not in message.sent_to):
        return False
    return Home.objects.filter(pk=home.pk).update(undeliverable_post=True) > 0
