"""Recording messages and delivering them.

Other apps only say who gets which message: `message_queue(template=…, resident=…,
key=…, personalisation=…)`, inside the transaction that causes it. The message is
recorded there and then, and handed to a worker once the transaction commits. If the
broker is down at that moment nothing is lost: the periodic sweep picks the message up.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from engagement.messaging import registry
from engagement.messaging.channels import DeliveryError, channel_for
from engagement.messaging.models import Message
from engagement.messaging.unsubscribe import unsubscribe_url
from engagement.models import Channel, Consent, Purpose, Resident

log = logging.getLogger(__name__)

# A resident's channels, in the order we prefer them for each purpose.
CHANNEL_ORDER = (Channel.EMAIL, Channel.TEXT, Channel.POST)


def consents_of(resident: Resident) -> dict[tuple[str, str], bool]:
    return {
        (consent.channel, consent.purpose): consent.given
        for consent in Consent.objects.filter(resident=resident)
    }


def permitted(resident: Resident, channel: str, purpose: str, consents: dict, *, letter_fallback=False) -> bool:
    """Whether this resident may get a message of this purpose by this channel, and can be reached by it.

    Engagement messages need a recorded yes. Service messages go unless the resident said no.
    A letter may stand in for email and text, where the officer allows it, for residents we
    have no other way to reach, unless they have said no to post.
    """
    if not _reachable(resident, channel):
        return False
    answer = consents.get((channel, purpose))
    if purpose == Purpose.SERVICE:
        return answer is not False
    if answer:
        return True
    return (
        channel == Channel.POST
        and letter_fallback
        and answer is None
        and not _reachable(resident, Channel.EMAIL)
        and not _reachable(resident, Channel.TEXT)
    )


def _reachable(resident: Resident, channel: str) -> bool:
    if channel == Channel.EMAIL:
        return bool(resident.email) and not resident.email_undeliverable
    if channel == Channel.TEXT:
        return bool(resident.mobile) and not resident.mobile_undeliverable
    home = resident.home
    return home is not None and not home.undeliverable_post


def preferred_channel(
    resident: Resident, purpose: str, *, letter_fallback=False, consents: dict | None = None
) -> str | None:
    """The first channel in CHANNEL_ORDER we may reach this resident by, or None."""
    if consents is None:
        consents = consents_of(resident)
    for channel in CHANNEL_ORDER:
        if permitted(resident, channel, purpose, consents, letter_fallback=letter_fallback):
            return channel
    return None


def standard_personalisation(resident: Resident | None, channel: str, purpose: str) -> dict:
    """What every message template can use: the resident's name, the site, and for engagement an unsubscribe link."""
    personalisation = {"site_url": settings.SITE_URL, "service_name": settings.SERVICE_NAME}
    if resident is not None:
        personalisation["first_name"] = resident.first_name
        if purpose == Purpose.ENGAGEMENT:
            personalisation["unsubscribe_url"] = unsubscribe_url(resident.pk, channel)
    return personalisation


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
) -> Message | None:
    """Record a message to send once the current transaction commits.

    `key` must name this message uniquely (e.g. f"booking-confirmed:{booking.pk}"): the same
    key twice records one message. Without `channel` the resident's preferred permitted
    channel is used; None is returned when there is no way we may reach them.
    """
    message_type = registry.get(template)
    if channel is None:
        if resident is None:
            channel = Channel.EMAIL
        else:
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
            "personalisation": {
                **standard_personalisation(resident, channel, message_type.purpose),
                **(personalisation or {}),
            },
            "batch": batch,
        },
    )
    if created:
        transaction.on_commit(lambda: enqueue(message.pk), robust=True)
    return message


def enqueue(message_id: int) -> None:
    """Hand a recorded message to the workers. If the broker is down, the sweep will do it later."""
    from engagement.messaging.tasks import deliver_message

    try:
        deliver_message.delay(message_id)
    except Exception:  # the broker's errors vary by transport; the message is safe in the outbox
        log.warning("Could not queue message %s; the sweep will retry", message_id, exc_info=True)


@dataclass(frozen=True)
class Outcome:
    status: str
    retry_after: int | None = None

    @property
    def should_retry(self) -> bool:
        return self.status == Message.Status.FAILED


def _claim(message_id: int) -> tuple[Message, bool] | None:
    """Mark the message as sending, if nobody else is sending it. Returns it and whether it was stuck."""
    stuck_before = timezone.now() - timedelta(seconds=settings.MESSAGING_STUCK_AFTER_SECONDS)
    with transaction.atomic():
        message = (
            Message.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("resident__tenancy__home")
            .filter(pk=message_id)
            .first()
        )
        if message is None:
            return None
        stuck = message.status == Message.Status.SENDING and message.sending_at and message.sending_at < stuck_before
        if message.status not in (Message.Status.QUEUED, Message.Status.FAILED) and not stuck:
            return None
        message.status = Message.Status.SENDING
        message.attempts += 1
        message.sending_at = timezone.now()
        message.save(update_fields=["status", "attempts", "sending_at"])
    return message, bool(stuck)


def _address(message: Message):
    resident = message.resident
    if resident is None:
        return message.to_address
    if message.channel == Channel.EMAIL:
        return resident.email
    if message.channel == Channel.TEXT:
        return resident.mobile
    return [resident.full_name, *resident.home.address_lines] if resident.home else None


def _finish(message: Message, status: str, **fields) -> Outcome:
    message.status = status
    for name, value in fields.items():
        setattr(message, name, value)
    message.save(update_fields=["status", *fields])
    return Outcome(status=status)


def message_deliver(message_id: int) -> Outcome:
    """Send one recorded message, checking consent now rather than when it was queued."""
    claimed = _claim(message_id)
    if claimed is None:
        return Outcome(status="skipped")
    message, was_stuck = claimed
    now = timezone.now()

    resident = message.resident
    if resident is not None and not permitted(
        resident, message.channel, message.purpose, consents_of(resident), letter_fallback=message.letter_fallback
    ):
        # Consent withdrawn, or the address found bad, since it was queued.
        return _finish(message, Message.Status.WITHHELD, failed_at=now)

    sender = channel_for(message.channel)
    if was_stuck:
        # A worker died mid-send: ask the provider before sending again, so it goes once.
        earlier = sender.already_sent(message.idempotency_key)
        if earlier is not None:
            return _finish(
                message, Message.Status.SENT, sent_at=now, sent_to=str(earlier.to)[:500],
                provider=earlier.provider, provider_reference=earlier.reference,
            )  # fmt: skip

    address = _address(message)
    if not address:
        return _finish(message, Message.Status.WITHHELD, failed_at=now, last_error="No address to send to")
    rendered = registry.render(message.template, message.channel, message.personalisation)
    if "unsubscribe_url" in message.personalisation and message.channel == Channel.EMAIL:
        rendered.headers["List-Unsubscribe"] = f"<{message.personalisation['unsubscribe_url']}>"
        rendered.headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    try:
        delivery = sender.send(to=address, message=rendered, idempotency_key=message.idempotency_key)
    except DeliveryError as error:
        if error.permanent:
            return _finish(message, Message.Status.PERMANENTLY_FAILED, failed_at=now, last_error=error.reason)
        _finish(message, Message.Status.FAILED, failed_at=now, last_error=error.reason)
        return Outcome(status=Message.Status.FAILED, retry_after=error.retry_after)
    return _finish(
        message, Message.Status.SENT, sent_at=now, sent_to=str(delivery.to)[:500],
        provider=delivery.provider, provider_reference=delivery.reference, last_error="",
    )  # fmt: skip


def messages_to_sweep():
    """Messages a worker should have picked up by now: queued a while ago, or stuck in sending."""
    now = timezone.now()
    return Message.objects.filter(
        status=Message.Status.QUEUED, queued_at__lt=now - timedelta(seconds=settings.MESSAGING_SWEEP_AFTER_SECONDS)
    ) | Message.objects.filter(
        status=Message.Status.SENDING,
        sending_at__lt=now - timedelta(seconds=settings.MESSAGING_STUCK_AFTER_SECONDS),
    )


def messages_sweep() -> int:
    """Hand forgotten messages back to the workers. Returns how many."""
    ids = list(messages_to_sweep().values_list("pk", flat=True)[:10_000])
    for message_id in ids:
        enqueue(message_id)
    return len(ids)
