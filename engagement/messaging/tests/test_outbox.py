"""Recording messages: in the causing transaction, once per key, consent checked again at send time."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends import locmem
from django.db import transaction
from django.utils import timezone

from engagement.messaging.models import DevelopmentText, Message
from engagement.messaging.services import message_queue, messages_sweep
from engagement.messaging.tests.conftest import opt_in
from engagement.models import Channel, Purpose
from engagement.tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db(transaction=True)


def invite(resident, key="invitation:1", **kwargs):
    return message_queue(
        template="engagement.invitation",
        key=key,
        resident=resident,
        personalisation={"subject": "Come to the roadshow", "body": "It is on Tuesday."},
        **kwargs,
    )


def test_a_message_is_sent_once_its_transaction_commits(engaged_resident):
    with transaction.atomic():
        message = invite(engaged_resident)
        assert mail.outbox == []

    assert [email.to for email in mail.outbox] == [[engaged_resident.email]]
    assert "It is on Tuesday." in mail.outbox[0].body
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert message.sent_to == engaged_resident.email


def test_nothing_is_recorded_or_sent_when_the_cause_is_rolled_back(engaged_resident):
    with pytest.raises(RuntimeError), transaction.atomic():
        invite(engaged_resident)
        raise RuntimeError("the booking failed")

    assert not Message.objects.exists()
    assert mail.outbox == []


def test_the_same_key_twice_records_and_sends_one_message(engaged_resident):
    first = invite(engaged_resident)
    second = invite(engaged_resident)

    assert first.pk == second.pk
    assert Message.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_resident_who_did_not_opt_in_gets_no_invitation(resident):
    assert invite(resident) is None
    assert not Message.objects.exists()


def test_withdrawn_consent_between_queueing_and_sending_means_nothing_is_sent(engaged_resident):
    with transaction.atomic():
        message = invite(engaged_resident)
        # The resident unsubscribes while the message waits for a worker.
        opt_in(engaged_resident, Channel.EMAIL, given=False)

    message.refresh_from_db()
    assert message.status == Message.Status.WITHHELD
    assert mail.outbox == []


def test_texts_say_how_to_stop_them(db):
    resident = opt_in(ResidentFactory(email="", user=None, mobile="+447700900456"), Channel.TEXT)

    invite(resident)

    text = DevelopmentText.objects.get()
    assert text.to == "+447700900456"
    assert "To stop these texts: http://" in text.body
    assert "/u/" in text.body


def test_a_reminder_waits_until_it_is_due_and_then_the_sweep_sends_it(engaged_resident):
    reminder = invite(engaged_resident, key="reminder:1", send_at=timezone.now() + timedelta(days=1))
    assert messages_sweep() == 0
    assert mail.outbox == []

    Message.objects.filter(pk=reminder.pk).update(send_after=timezone.now() - timedelta(seconds=1))
    messages_sweep()

    assert len(mail.outbox) == 1
    reminder.refresh_from_db()
    assert reminder.status == Message.Status.SENT


def test_a_message_recorded_while_the_broker_was_down_is_sent_by_the_sweep(engaged_resident, monkeypatch, settings):
    from engagement.messaging import tasks

    def broker_down(*args, **kwargs):
        raise ConnectionRefusedError("Redis is down")

    with monkeypatch.context() as patched:
        patched.setattr(tasks.deliver_messages, "apply_async", broker_down)
        message = invite(engaged_resident)
    message.refresh_from_db()
    assert message.status == Message.Status.QUEUED
    assert message.enqueued_at is None

    settings.MESSAGING_SWEEP_AFTER_SECONDS = 0
    assert messages_sweep() == 1

    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert len(mail.outbox) == 1


def test_service_messages_go_unless_the_resident_said_no_then_by_the_next_way_they_allow(resident):
    def acknowledge(key):
        return message_queue(
            template="engagement.enquiry_acknowledgement",
            key=key,
            resident=resident,
            personalisation={"name": "Rita", "received_on": "2026-01-01", "message": "Hello"},
        )

    assert acknowledge("ack:1").channel == Channel.EMAIL
    opt_in(resident, Channel.EMAIL, purpose=Purpose.SERVICE, given=False)
    assert acknowledge("ack:2").channel == Channel.POST
    opt_in(resident, Channel.POST, purpose=Purpose.SERVICE, given=False)
    assert acknowledge("ack:3") is None


class RecordingEmailBackend(locmem.EmailBackend):
    """Notes, at each send, what the outbox already says of the messages sent before it."""

    statuses_seen: list[list[str]] = []

    def send_messages(self, messages):
        keys = [email.extra_headers["X-Resident-Voice-Reference"] for email in mail.outbox]
        self.statuses_seen.append([Message.objects.get(idempotency_key=key).status for key in keys] if keys else [])
        return super().send_messages(messages)


def test_each_email_is_recorded_as_sent_before_the_next_is_sent(settings, db):
    # SMTP cannot be asked what it already has: a crash must be able to double at most the one in flight.
    from engagement.messaging.services import messages_deliver
    from engagement.messaging.tests.test_notify import workers_busy

    settings.EMAIL_BACKEND = f"{__name__}.RecordingEmailBackend"
    RecordingEmailBackend.statuses_seen = []
    with workers_busy():
        ids = [invite(opt_in(ResidentFactory(), Channel.EMAIL), key=f"invitation:{n}").pk for n in range(4)]

    messages_deliver(message_ids=ids)

    assert RecordingEmailBackend.statuses_seen == [[], ["sent"], ["sent", "sent"], ["sent", "sent", "sent"]]


def test_an_email_that_can_never_be_written_fails_for_good_and_is_not_left_sending(engaged_resident):
    from engagement.messaging.services import messages_deliver
    from engagement.messaging.tests.test_notify import workers_busy

    # A line break in a subject is refused by Django's email before anything is sent.
    with workers_busy():
        message = message_queue(
            template="engagement.invitation",
            key="invitation:broken",
            resident=engaged_resident,
            personalisation={"subject": "Road\nshow", "body": "Come along."},
        )

    messages_deliver(message_ids=[message.pk])

    message.refresh_from_db()
    assert message.status == Message.Status.PERMANENTLY_FAILED
    assert "could not be written" in message.last_error
    assert mail.outbox == []


class MailServerDownBackend(locmem.EmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("Connection refused")


def test_a_long_mail_server_outage_makes_no_email_give_up(settings, db):
    from engagement.messaging.services import messages_deliver
    from engagement.messaging.tests.test_notify import workers_busy

    settings.EMAIL_BACKEND = f"{__name__}.MailServerDownBackend"
    with workers_busy():
        ids = [invite(opt_in(ResidentFactory(), Channel.EMAIL), key=f"invitation:{n}").pk for n in range(3)]

    for slow_downs in range(3 * settings.MESSAGING_MAX_ATTEMPTS):
        Message.objects.filter(pk__in=ids).update(send_after=timezone.now())
        assert sorted(messages_deliver(message_ids=ids, slow_downs=slow_downs).retry_ids) == sorted(ids)

    # Held against the batch, which waits, not against the first email's tries.
    assert set(Message.objects.values_list("attempts", flat=True)) == {0}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Message.objects.filter(pk__in=ids).update(send_after=timezone.now())
    messages_deliver(message_ids=ids)
    assert len(mail.outbox) == 3
    assert set(Message.objects.values_list("status", flat=True)) == {Message.Status.SENT}
