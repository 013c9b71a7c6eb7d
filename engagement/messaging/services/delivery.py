"""Sending recorded messages: each one claimed just before it is sent, and its result recorded before the next.

Exactly once:
- A message is claimed by one conditional UPDATE (it must still be queued, due for a retry, or
  left "sending" by a worker that died, and unchanged since it was read), which stamps the
  worker's claim token and the time. Only the worker holding the claim sends it, and its result
  is written only while the claim is still its own.
- A worker holds one message at a time: the one it is sending. The rest of its batch stay
  queued, so if the worker dies (or the database goes away) they can be taken by another at
  once, and only the message in flight waits to be looked up at the provider.
- A message in "sending" is taken from its worker only after MESSAGING_STUCK_AFTER_SECONDS,
  which a system check keeps well above the providers' timeouts: a live worker has always had
  its answer, or given up, by then. The message is then looked up at the provider before it is
  sent again (Notify: by its reference), so it goes once.
"""

import logging
import random
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError
from django.db.models import F, Q
from django.template import TemplateDoesNotExist
from django.utils import timezone, translation

from engagement.i18n.languages import language_code_for_resident
from engagement.messaging import registry
from engagement.messaging.channels import DeliveryError, letter_sender_for, sender_for
from engagement.messaging.models import Message
from engagement.messaging.ratelimit import rate_limit_wait
from engagement.messaging.services.contactable import consents_of_many, permitted, standard_personalisation
from engagement.messaging.services.letters import letter_code_context
from engagement.messaging.services.receipts import contact_mark_undeliverable
from engagement.models import Channel

log = logging.getLogger(__name__)

MAX_BACKOFF_SECONDS = 1800
# Consent is read again for every this many messages, just before they are sent.
CONSENT_CHUNK = 10
# What a claim is decided on; the claim applies only if none has changed since it was read.
_CLAIM_STATE = ["status", "attempts", "provider_check_needed", "send_after", "sending_at"]


@dataclass
class BatchReport:
    statuses: dict[int, str] = field(default_factory=dict)
    # Messages to try again (failed for now, or not tried because the provider asked us to slow down).
    retry_ids: list[int] = field(default_factory=list)
    retry_after: int | None = None
    slowed_down: bool = False


def backoff_seconds(attempts: int) -> int:
    """10 s, 20 s, 40 s … at most half an hour, with a little jitter so retries do not arrive together."""
    base = settings.MESSAGING_RETRY_BACKOFF_SECONDS * 2 ** max(attempts - 1, 0)
    return max(1, int(min(base, MAX_BACKOFF_SECONDS) * random.uniform(0.8, 1.2)))


def messages_deliver(*, message_ids: list[int], slow_downs: int = 0) -> BatchReport:
    """Send these recorded messages, if they still need sending. Safe to run twice, or at once in two workers.

    `slow_downs`: how many times this batch has already been told to slow down (a provider's
    outage or rate limit), which sets how long it waits next. Those waits count against the
    batch, not against any one message's tries. Database errors are raised, for the task to
    try again shortly: the messages not yet tried are still queued.
    """
    token = uuid.uuid4().hex
    report = BatchReport()
    wait = backoff_seconds(slow_downs + 1)
    messages = _load(message_ids)
    for index, message in enumerate(messages):
        if index % CONSENT_CHUNK == 0:
            # Read now, not when the batch began: a resident may say no while it is being sent.
            chunk = messages[index : index + CONSENT_CHUNK]
            consents = consents_of_many({waiting.resident_id for waiting in chunk if waiting.resident_id})
        retry_after = _deliver_one(message, token, consents.get(message.resident_id, {}), report, wait=wait)
        if retry_after is not None:
            # The provider is busy or down: the rest of the batch waits, untried, and goes again together.
            report.retry_ids += [waiting.pk for waiting in messages[index + 1 :]]
            report.retry_after = retry_after
            report.slowed_down = True
            break
    if report.retry_ids and report.retry_after is None:
        report.retry_after = backoff_seconds(max(message.attempts for message in messages))
    return report


def _load(message_ids: list[int]) -> list[Message]:
    pending = Message.objects.filter(pk__in=message_ids, status__in=Message.PENDING)
    return list(pending.select_related("resident__tenancy__home", "batch").order_by("pk"))


def _deliver_one(message: Message, token: str, consents: dict, report: BatchReport, *, wait: int) -> int | None:
    """Claim, send and record one message. Returns how long the batch waits, if the provider asks it to slow down.

    `wait`: how long, unless the provider says.
    """
    resident = message.resident
    if resident is not None and not permitted(
        resident, message.channel, message.purpose, consents, letter_fallback=message.letter_fallback
    ):
        # Consent withdrawn, or the address found bad, since it was queued.
        return _settle(message, token, report, Message.Status.WITHHELD, "No consent or contact details when it was due")
    address = _address(message)
    if not address:
        return _settle(message, token, report, Message.Status.WITHHELD, "No address to send to")
    try:
        rendered = render_message(message)
    except DatabaseError:
        raise
    except Exception as error:
        # Our template cannot be rendered for this message: no try will do better until it is fixed.
        log.exception("Could not write message %s", message.pk)
        return _settle(message, token, report, Message.Status.PERMANENTLY_FAILED, f"Could not be written: {error}")
    sender = letter_sender_for(resident) if message.channel == Channel.POST else sender_for(message.channel)
    if sender.rate_limit_name:
        rate_limit_wait(sender.rate_limit_name)
    uncertain = _claim(message, token)
    if uncertain is None:
        return None  # another worker has it, or it is done
    now = timezone.now()
    try:
        # An earlier attempt may have reached the provider: ask before sending again, so it goes once.
        delivery = sender.already_sent(message.idempotency_key) if uncertain else None
        if delivery is None:
            delivery = sender.send(to=address, message=rendered, idempotency_key=message.idempotency_key)
    except DeliveryError as error:
        return _failed(message, token, report, error, now, wait=wait)
    except DatabaseError:
        raise
    except Exception as error:
        # Not a refusal the channel understood: it may have gone, so it is looked up before any retry.
        log.exception("Sending message %s failed", message.pk)
        error = DeliveryError(f"Unexpected error: {error!r}", permanent=False, maybe_sent=True)
        return _failed(message, token, report, error, now)
    _record(
        message,
        token,
        report,
        Message.Status.SENT,
        sent_at=now,
        sent_to=str(delivery.to)[:500],
        provider=delivery.provider,
        provider_reference=delivery.reference,
        last_error="",
        provider_check_needed=False,
    )
    return None


def _settle(message: Message, token: str, report: BatchReport, status: str, reason: str) -> None:
    """Record that the message is not to be sent, if it is still to be claimed."""
    if _claim(message, token) is not None:
        _record(message, token, report, status, last_error=reason)


def claimable(now, status: str | None = None) -> Q:
    """Messages a worker may claim: queued and due, failed with a retry to come, or left "sending" by a worker that died.

    The one definition, for claims and for the sweep. `status`: only what makes a message in that status claimable
    (a claim knows it, and building the rest for every message costs more than sending it).
    """
    stuck = now - timedelta(seconds=settings.MESSAGING_STUCK_AFTER_SECONDS)
    ways = {
        Message.Status.QUEUED: Q(status=Message.Status.QUEUED) & (Q(send_after__isnull=True) | Q(send_after__lte=now)),
        Message.Status.FAILED: Q(
            status=Message.Status.FAILED, send_after__isnull=False, attempts__lt=settings.MESSAGING_MAX_ATTEMPTS
        ),
        Message.Status.SENDING: Q(status=Message.Status.SENDING, sending_at__lt=stuck),
    }
    if status is not None:
        return ways.get(status, Q(pk__in=[]))
    return ways[Message.Status.QUEUED] | ways[Message.Status.FAILED] | ways[Message.Status.SENDING]


def _claim(message: Message, token: str) -> bool | None:
    """Make the message ours if it is claimable, with an UPDATE that only applies if it is unchanged since it was read
    (another worker, an officer or a receipt may have been quicker: it is left to them, or to the sweep).

    Returns None if it could not be claimed; otherwise whether an earlier try may have reached the provider.
    """
    now = timezone.now()
    unchanged = {name: getattr(message, name) for name in _CLAIM_STATE}
    if not Message.objects.filter(claimable(now, message.status), pk=message.pk, **unchanged).update(
        status=Message.Status.SENDING, claim=token, attempts=F("attempts") + 1, sending_at=now
    ):
        return None
    uncertain = message.status == Message.Status.SENDING or message.provider_check_needed
    message.status, message.claim, message.sending_at = Message.Status.SENDING, token, now
    message.attempts += 1
    return uncertain


def _record(message: Message, token: str, report: BatchReport, status: str, **fields) -> None:
    """Write what happened, only if the claim is still ours (a delivery receipt may have been quicker)."""
    fields = {"status": status, "claim": "", "attempts": message.attempts, "send_after": None, **fields}
    if status != Message.Status.SENT:
        fields["failed_at"] = timezone.now()
    Message.objects.filter(pk=message.pk, claim=token, status=Message.Status.SENDING).update(**fields)
    for name, value in fields.items():
        setattr(message, name, value)
    report.statuses[message.pk] = status
    if message.status == Message.Status.FAILED and message.send_after is not None:
        report.retry_ids.append(message.pk)


def _personalisation(message: Message) -> dict:
    # The resident's name and unsubscribe link are added now: a bulk send stores neither per message.
    return {
        **standard_personalisation(message.resident, message.channel, message.purpose),
        **(message.batch.personalisation if message.batch_id else {}),
        **message.personalisation,
    }


def render_message(message: Message) -> registry.RenderedMessage:
    """The message's words, written now from its template, in the resident's language where its
    translation is complete (English otherwise, as their pages are)."""
    personalisation = _personalisation(message)
    if message.channel == Channel.POST:
        personalisation.update(letter_code_context(message, personalisation))
    if message.channel == Channel.EMAIL:
        personalisation["files_attached"] = sender_for(Channel.EMAIL).attaches_files
    with translation.override(language_code_for_resident(message.resident)):
        return registry.render(message.template, message.channel, personalisation)


def message_subject(message: Message) -> str:
    """The message's subject line (its type's name, for a kind of message the portal no longer sends)."""
    try:
        with translation.override(language_code_for_resident(message.resident)):
            return registry.render_subject(message.template, _personalisation(message))
    except (LookupError, TemplateDoesNotExist):
        return message.template


def _address(message: Message):
    resident = message.resident
    if resident is None:
        # Someone who is not a resident (a contact-us enquirer) gave their postal address one line per line.
        return message.to_address.splitlines() if message.channel == Channel.POST else message.to_address
    if message.channel == Channel.EMAIL:
        return resident.email
    if message.channel == Channel.TEXT:
        return resident.mobile
    return [resident.full_name, *resident.home.address_lines] if resident.home else None


def _failed(message: Message, token: str, report: BatchReport, error: DeliveryError, now, *, wait=0) -> int | None:
    """Record a failed try. Returns how long the batch waits if the provider asked us to slow down."""
    if error.permanent:
        if error.bad_recipient:
            contact_mark_undeliverable(message, reason=error.reason)
        _record(message, token, report, Message.Status.PERMANENTLY_FAILED, last_error=error.reason)
        return None
    reason, retry_in, slow_down = error.reason, None, None
    if error.slow_down:
        # The provider is busy or down, not refusing this message: the try is not counted against it.
        message.attempts -= 1
        retry_in = slow_down = error.retry_after or wait or backoff_seconds(1)
    elif message.attempts >= settings.MESSAGING_MAX_ATTEMPTS:
        reason = f"{error.reason} (gave up after {message.attempts} tries)"
    else:
        retry_in = error.retry_after or backoff_seconds(message.attempts)
    retry_at = now + timedelta(seconds=retry_in) if retry_in else None
    # Once a try may have reached the provider, every later try asks it first.
    check = message.provider_check_needed or error.maybe_sent
    _record(
        message,
        token,
        report,
        Message.Status.FAILED,
        last_error=reason,
        provider_check_needed=check,
        send_after=retry_at,
    )
    return slow_down
