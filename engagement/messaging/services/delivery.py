"""Sending recorded messages: claim a batch, check consent now, send each once, record what happened.

Exactly once: a worker claims messages with one conditional UPDATE (queued, due for a retry, or
stuck in "sending" because a worker died), so two workers never hold the same message. A message
whose earlier attempt may have reached the provider (a worker killed mid-send, a timeout) is looked
up at the provider by its idempotency key before it is sent again.
"""

import logging
import os
import random
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, connection
from django.db.models import F, Q
from django.utils import timezone

from engagement.messaging import registry
from engagement.messaging.channels import DeliveryError, channel_for
from engagement.messaging.models import BulkSend, Message
from engagement.messaging.ratelimit import RateLimited, rate_limit_for
from engagement.messaging.services.letters import letter_code_context
from engagement.messaging.services.reach import consents_of_many, permitted, standard_personalisation
from engagement.messaging.services.receipts import contact_mark_undeliverable
from engagement.models import Channel

log = logging.getLogger(__name__)

# Results are written every this many messages, so a killed worker leaves little to look up.
_SAVE_EVERY = 25
_SAVED_FIELDS = [
    "status",
    "claim",
    "sent_at",
    "sent_to",
    "provider",
    "provider_reference",
    "last_error",
    "failed_at",
    "send_after",
    "provider_check_needed",
    "attempts",
    "sending_at",
    "enqueued_at",
]
MAX_BACKOFF_SECONDS = 1800
# What sending reads: the whole message, and of its resident only what says whether and where to send
# (loading every field of four models for each message cost more than sending it). Others load if asked for.
_CLAIMED_FIELDS = [
    *(field.name for field in Message._meta.concrete_fields),
    *(
        f"resident__{name}"
        for name in (
            "first_name",
            "last_name",
            "email",
            "email_undeliverable",
            "mobile",
            "mobile_undeliverable",
            "tenancy",
        )
    ),
    "resident__tenancy__home",
    *(
        f"resident__tenancy__home__{name}"
        for name in (
            "address_line_1",
            "address_line_2",
            "town",
            "postcode",
            "undeliverable_post",
        )
    ),
]


@dataclass(frozen=True)
class Outcome:
    status: str
    retry_after: int | None = None


@dataclass
class BatchReport:
    statuses: dict[int, str] = field(default_factory=dict)
    # Messages to try again (failed for now, or not tried because the provider asked us to slow down).
    retry_ids: list[int] = field(default_factory=list)
    retry_after: int | None = None


def backoff_seconds(attempts: int) -> int:
    """10 s, 20 s, 40 s … at most half an hour, with a little jitter so retries do not arrive together."""
    base = settings.MESSAGING_RETRY_BACKOFF_SECONDS * 2 ** max(attempts - 1, 0)
    return max(1, int(min(base, MAX_BACKOFF_SECONDS) * random.uniform(0.8, 1.2)))


def message_deliver(message_id: int) -> Outcome:
    """Send one recorded message (see messages_deliver)."""
    report = messages_deliver(message_ids=[message_id])
    return Outcome(status=report.statuses.get(message_id, "skipped"), retry_after=report.retry_after)


def messages_deliver(*, message_ids: list[int]) -> BatchReport:
    """Send these recorded messages, if they still need sending. Safe to run twice, or at once in two workers."""
    token = uuid.uuid4().hex
    claimed, uncertain = _claim(message_ids, token)
    report = BatchReport()
    if not claimed:
        return report
    consents = consents_of_many({message.resident_id for message in claimed if message.resident_id})
    stencils: dict = {}
    saver = _Saver(token, report)
    done: list[Message] = []
    try:
        for index, message in enumerate(claimed):
            try:
                _deliver_one(
                    message, consents.get(message.resident_id, {}), uncertain=message.pk in uncertain, stencils=stencils
                )
            except _SlowDown as slow_down:
                # The provider is busy: this message and the rest of the batch wait and go again together.
                for waiting in claimed[index + (0 if slow_down.untried else 1) :]:
                    _release(waiting)
                    done.append(waiting)
                if not slow_down.untried:
                    done.append(message)
                report.retry_after = slow_down.retry_after
                break
            except Exception:
                # A fault of ours: the rest go back to the queue; this one stays "sending" for the sweep to check.
                for waiting in claimed[index + 1 :]:
                    _release(waiting)
                    done.append(waiting)
                raise
            done.append(message)
            if len(done) >= _SAVE_EVERY:
                saver.save(done)
                done = []
    finally:
        saver.save(done)
        saver.finish()
    if report.retry_ids and report.retry_after is None:
        report.retry_after = backoff_seconds(max(m.attempts for m in claimed))
    return report


class _SlowDown(Exception):
    def __init__(self, retry_after: int, *, untried: bool):
        self.retry_after = retry_after
        self.untried = untried


def _claim(message_ids: list[int], token: str) -> tuple[list[Message], set[int]]:
    now = timezone.now()
    before = {
        pk: (status, check)
        for pk, status, check in Message.objects.filter(pk__in=message_ids).values_list(
            "pk", "status", "provider_check_needed"
        )
    }
    claimable = (
        Q(status=Message.Status.QUEUED, send_after__isnull=True)
        | Q(status=Message.Status.QUEUED, send_after__lte=now)
        | Q(status=Message.Status.FAILED, send_after__isnull=False, attempts__lt=settings.MESSAGING_MAX_ATTEMPTS)
        | Q(
            status=Message.Status.SENDING,
            sending_at__lt=now - timedelta(seconds=settings.MESSAGING_STUCK_AFTER_SECONDS),
        )
    )
    count = Message.objects.filter(claimable, pk__in=message_ids).update(
        status=Message.Status.SENDING, claim=token, attempts=F("attempts") + 1, sending_at=now
    )
    if not count:
        return [], set()
    claimed = list(
        Message.objects.filter(pk__in=message_ids, claim=token)
        .select_related("resident__tenancy__home")
        .only(*_CLAIMED_FIELDS)
        .order_by("pk")
    )
    # A bulk send's shared words are read once, not once per message.
    batches = BulkSend.objects.in_bulk({message.batch_id for message in claimed if message.batch_id})
    for message in claimed:
        if message.batch_id:
            message.batch = batches.get(message.batch_id)
    uncertain = {
        message.pk for message in claimed if before[message.pk][0] == Message.Status.SENDING or before[message.pk][1]
    }
    return claimed, uncertain


def _deliver_one(message: Message, consents: dict, *, uncertain: bool, stencils: dict) -> None:
    """Send one claimed message, setting its fields to record what happened (saved by the caller)."""
    now = timezone.now()
    resident = message.resident
    if resident is not None and not permitted(
        resident, message.channel, message.purpose, consents, letter_fallback=message.letter_fallback
    ):
        # Consent withdrawn, or the address found bad, since it was queued.
        _set(
            message, Message.Status.WITHHELD, failed_at=now, last_error="No consent or contact details when it was due"
        )
        return
    sender = channel_for(message.channel)
    try:
        if uncertain:
            # An earlier attempt may have reached the provider: ask before sending again, so it goes once.
            earlier = sender.already_sent(message.idempotency_key)
            if earlier is not None:
                _set_sent(message, earlier, now)
                return
        address = _address(message)
        if not address:
            _set(message, Message.Status.WITHHELD, failed_at=now, last_error="No address to send to")
            return
        rendered = render_message(message, stencils)
        if sender.rate_limit_name:
            limit = rate_limit_for(sender.rate_limit_name)
            if limit is not None:
                limit.acquire()
        delivery = sender.send(to=address, message=rendered, idempotency_key=message.idempotency_key)
    except RateLimited as busy:
        raise _SlowDown(int(busy.wait) + 1, untried=True) from busy
    except DeliveryError as error:
        _failed(message, error, now)
        if error.slow_down and message.status == Message.Status.FAILED:
            raise _SlowDown(error.retry_after or backoff_seconds(message.attempts), untried=False) from error
        return
    _set_sent(message, delivery, now)


# What standard_personalisation adds that differs per resident (the rest is the same for everyone).
_PER_RESIDENT = ("first_name", "unsubscribe_url")


def render_message(message: Message, stencils: dict | None = None) -> registry.RenderedMessage:
    """The message's words. `stencils`: a dict kept for one batch, so a bulk send's template is rendered once."""
    # The resident's name and unsubscribe link are added now: a bulk send stores neither per message.
    personalisation = {
        **standard_personalisation(message.resident, message.channel, message.purpose),
        **(message.batch.personalisation if message.batch_id else {}),
        **message.personalisation,
    }
    if message.channel == Channel.POST:
        personalisation.update(letter_code_context(message, personalisation))
    elif stencils is not None and message.batch_id:
        own = {*_PER_RESIDENT, *message.personalisation}
        slots = tuple(sorted(name for name in personalisation if name in own))
        if all(type(personalisation[name]) is str for name in slots):
            key = (message.template, message.channel, message.batch_id, slots)
            if key not in stencils:
                shared = {name: value for name, value in personalisation.items() if name not in own}
                stencils[key] = registry.stencil(message.template, message.channel, shared, slots)
            if stencils[key] is not None:
                return stencils[key].fill(personalisation)
    return registry.render(message.template, message.channel, personalisation)


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


def _set(message: Message, status: str, **fields) -> None:
    message.status = status
    message.claim = ""
    for name, value in fields.items():
        setattr(message, name, value)


def _set_sent(message: Message, delivery, now) -> None:
    _set(
        message,
        Message.Status.SENT,
        sent_at=now,
        sent_to=str(delivery.to)[:500],
        provider=delivery.provider,
        provider_reference=delivery.reference,
        last_error="",
        provider_check_needed=False,
        send_after=None,
    )


def _failed(message: Message, error: DeliveryError, now) -> None:
    if error.permanent:
        _set(message, Message.Status.PERMANENTLY_FAILED, failed_at=now, last_error=error.reason, send_after=None)
        if error.bad_recipient:
            contact_mark_undeliverable(message, reason=error.reason)
        return
    # Once a try may have reached the provider, every later try asks it first.
    check = message.provider_check_needed or error.maybe_sent
    if message.attempts >= settings.MESSAGING_MAX_ATTEMPTS:
        reason = f"{error.reason} (gave up after {message.attempts} tries)"
        _set(
            message,
            Message.Status.FAILED,
            failed_at=now,
            last_error=reason,
            send_after=None,
            provider_check_needed=check,
        )
        return
    retry_at = now + timedelta(seconds=error.retry_after or backoff_seconds(message.attempts))
    _set(
        message,
        Message.Status.FAILED,
        failed_at=now,
        last_error=error.reason,
        send_after=retry_at,
        provider_check_needed=check,
    )


def _release(message: Message) -> None:
    """Hand back a claimed message that was not tried, without counting an attempt.

    It is marked as not handed to a worker, so the sweep picks it up if the retry is lost.
    """
    if message.status == Message.Status.SENDING:
        message.status = Message.Status.QUEUED
        message.attempts -= 1
        message.sending_at = None
        message.claim = ""
        message.enqueued_at = None


class _Saver:
    """Records results while the next messages are sent: on PostgreSQL, in a thread of this process's own.

    The thread has its own database connection and saves one chunk at a time; the batch
    waits for the last save before it returns, and the connection is closed then, as Celery
    closes a task's. Inside a transaction (tests, or a caller's atomic block) the thread could
    not see the claim, so results are saved here and now.
    """

    def __init__(self, token: str, report: BatchReport):
        self.token = token
        self.report = report
        self._pending = None
        self._in_thread = connection.vendor == "postgresql" and not connection.in_atomic_block
        self._used = False

    def save(self, messages: list[Message]) -> None:
        if not messages:
            return
        if not self._in_thread:
            _save(messages, self.token, self.report)
            return
        self.wait()
        self._used = True
        self._pending = _save_thread().submit(_save_elsewhere, list(messages), self.token)
        _report(messages, self.report)

    def wait(self) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            pending.result()

    def finish(self) -> None:
        try:
            self.wait()
        finally:
            if self._used:
                _save_thread().submit(_close_connection).result()


_save_threads: dict[int, ThreadPoolExecutor] = {}


def _save_thread() -> ThreadPoolExecutor:
    # One per process: a worker's pool processes are forked, and a thread does not survive a fork.
    pid = os.getpid()
    if pid not in _save_threads:
        _save_threads[pid] = ThreadPoolExecutor(max_workers=1, thread_name_prefix="messaging-save")
    return _save_threads[pid]


def _save_elsewhere(messages: list[Message], token: str) -> None:
    # This thread's connection: closed if it is broken or older than CONN_MAX_AGE, as a task's would be.
    close_old_connections()
    _write(messages, token)


def _close_connection() -> None:
    connection.close()  # the calling thread's own


def _save(messages: list[Message], token: str, report: BatchReport) -> None:
    if not messages:
        return
    _write(messages, token)
    _report(messages, report)


def _write(messages: list[Message], token: str) -> None:
    # Only rows still ours are written: a delivery receipt may already have moved one on.
    fields = [Message._meta.get_field(name) for name in _SAVED_FIELDS]
    rows = [
        [field.get_db_prep_save(getattr(message, field.attname), connection) for field in fields]
        for message in messages
    ]
    if connection.vendor == "postgresql":
        _save_postgresql(fields, rows, [message.pk for message in messages], token)
    else:
        _save_one_by_one(fields, rows, [message.pk for message in messages], token)


def _report(messages: list[Message], report: BatchReport) -> None:
    for message in messages:
        report.statuses[message.pk] = message.status
        if message.status == Message.Status.QUEUED or (
            message.status == Message.Status.FAILED and message.send_after is not None
        ):
            report.retry_ids.append(message.pk)


def _save_postgresql(fields, rows, ids, token) -> None:
    # One UPDATE for the lot, its new values passed as one array per column: a plain UPDATE per
    # message costs the database a statement each, and Django's bulk_update a CASE per field per row.
    quote = connection.ops.quote_name
    columns = [field.column for field in fields]
    types = [field.db_type(connection) for field in fields]
    table = quote(Message._meta.db_table)
    sql = (
        f"UPDATE {table} SET "
        + ", ".join(f"{quote(column)} = saved.{quote(column)}" for column in columns)
        + " FROM unnest("
        + ", ".join(f"%s::{db_type}[]" for db_type in [*types, "bigint"])
        + ") AS saved("
        + ", ".join(quote(column) for column in [*columns, "saved_id"])
        + f") WHERE {table}.{quote('id')} = saved.{quote('saved_id')}"
        f" AND {table}.{quote('claim')} = %s AND {table}.{quote('status')} = %s"
    )
    values_by_column = [list(column) for column in zip(*rows, strict=True)]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*values_by_column, ids, token, Message.Status.SENDING])


def _save_one_by_one(fields, rows, ids, token) -> None:
    quote = connection.ops.quote_name
    sql = (
        f"UPDATE {quote(Message._meta.db_table)} SET "
        + ", ".join(f"{quote(field.column)} = %s" for field in fields)
        + f" WHERE {quote('id')} = %s AND {quote('claim')} = %s AND {quote('status')} = %s"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, [[*row, pk, token, Message.Status.SENDING] for row, pk in zip(rows, ids, strict=True)])
