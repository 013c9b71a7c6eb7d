"""Sending through GOV.UK Notify (the fake one on 127.0.0.1): references, retries, permanent failures."""

from datetime import timedelta

import pytest
from django.utils import timezone

from engagement.messaging.models import Message
from engagement.messaging.services import message_queue, messages_deliver, messages_sweep
from engagement.messaging.tests.conftest import opt_in
from engagement.models import Channel
from engagement.tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db(transaction=True)


def invite(resident, key="invitation:1", **kwargs):
    return message_queue(
        template="engagement.invitation",
        key=key,
        resident=resident,
        personalisation={"subject": "Damp and mould survey", "body": "Tell us about damp in your home."},
        **kwargs,
    )


def test_an_email_goes_to_notify_with_our_key_as_its_reference(notify_stub, engaged_resident):
    message = invite(engaged_resident)

    [sent] = notify_stub.sent_to("invitation:1")
    assert sent["email_address"] == engaged_resident.email
    assert sent["subject"] == "Damp and mould survey"
    assert "Tell us about damp in your home." in sent["body"]
    assert sent["one_click_unsubscribe_url"].startswith("http://127.0.0.1:8000/u/")
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert message.provider == "notify"
    assert message.provider_reference == sent["id"]


def test_texts_and_letters_go_to_notify_too(notify_stub, db):
    texter = opt_in(ResidentFactory(email="", user=None, mobile="+447700900321"), Channel.TEXT)
    writer = opt_in(ResidentFactory(email="", user=None), Channel.POST)

    invite(texter, key="invitation:text")
    invite(writer, key="invitation:letter")

    [text] = notify_stub.sent_to("invitation:text")
    assert text["phone_number"] == "+447700900321"
    assert "To stop these texts" in text["body"]
    [letter] = notify_stub.sent_to("invitation:letter")
    address = letter["personalisation"]
    assert address["address_line_1"] == writer.full_name
    assert address["address_line_2"] == writer.home.address_line_1
    assert address["address_line_4"] == writer.home.postcode


def test_a_server_error_is_tried_again_later_and_then_sent_once(notify_stub, engaged_resident):
    notify_stub.fail_next(1, status=500)

    message = invite(engaged_resident)

    message.refresh_from_db()
    assert message.status == Message.Status.FAILED
    assert message.send_after > timezone.now()
    assert notify_stub.stats()["accepted"] == 0

    Message.objects.filter(pk=message.pk).update(send_after=timezone.now())
    assert messages_deliver(message_ids=[message.pk]).statuses == {message.pk: Message.Status.SENT}

    message.refresh_from_db()
    # Notify being down is not held against the message: only the try that went counts.
    assert message.attempts == 1
    assert len(notify_stub.sent_to("invitation:1")) == 1


def test_when_notify_says_slow_down_the_rest_of_the_batch_waits_untried(notify_stub, db):
    residents = [opt_in(ResidentFactory(), Channel.EMAIL) for _ in range(3)]
    with workers_busy():
        messages = [invite(resident, key=f"invitation:{n}") for n, resident in enumerate(residents)]
    notify_stub.fail_next(1, status=429)

    report = messages_deliver(message_ids=[message.pk for message in messages])

    assert sorted(report.retry_ids) == sorted(message.pk for message in messages)
    statuses = dict(Message.objects.values_list("idempotency_key", "status"))
    assert statuses == {
        "invitation:0": Message.Status.FAILED,
        "invitation:1": Message.Status.QUEUED,
        "invitation:2": Message.Status.QUEUED,
    }
    # Being told to slow down is not held against the message: the batch waits instead.
    assert list(Message.objects.order_by("pk").values_list("attempts", flat=True)) == [0, 0, 0]
    assert report.retry_after >= 1
    assert notify_stub.stats()["accepted"] == 0


def test_a_long_notify_outage_makes_no_message_give_up(notify_stub, db, settings):
    residents = [opt_in(ResidentFactory(), Channel.EMAIL) for _ in range(3)]
    with workers_busy():
        messages = [invite(resident, key=f"invitation:{n}") for n, resident in enumerate(residents)]
    ids = [message.pk for message in messages]
    # The first one timed out before: every later try asks Notify about it first, and that fails too.
    Message.objects.filter(pk=ids[0]).update(provider_check_needed=True)
    notify_stub.outage(503)

    waits, slow_downs = [], 0
    # Three times the tries a message gets: far more than the 21 minutes of backoff they add up to.
    for _ in range(3 * settings.MESSAGING_MAX_ATTEMPTS):
        Message.objects.filter(pk__in=ids).update(send_after=timezone.now())
        report = messages_deliver(message_ids=ids, slow_downs=slow_downs)
        assert sorted(report.retry_ids) == sorted(ids)
        waits.append(report.retry_after)
        slow_downs += 1

    # The outage is held against the batch, which waits longer and longer (at most about half an hour).
    assert waits[-1] > waits[0] and max(waits) <= 1800 * 1.2
    assert set(Message.objects.values_list("status", "attempts")) <= {
        (Message.Status.FAILED, 0),
        (Message.Status.QUEUED, 0),
    }
    notify_stub.outage(None)
    Message.objects.filter(pk__in=ids).update(send_after=timezone.now())

    report = messages_deliver(message_ids=ids, slow_downs=slow_downs)

    assert set(report.statuses.values()) == {Message.Status.SENT} and report.retry_ids == []
    assert notify_stub.stats()["accepted"] == 3 and notify_stub.stats()["sent_twice"] == []


def test_a_bad_mobile_number_fails_for_good_and_is_flagged_for_officers(notify_stub, db):
    resident = opt_in(ResidentFactory(email="", user=None, mobile="+447700900999"), Channel.TEXT)
    notify_stub.refuse("+447700900999")

    message = invite(resident)

    message.refresh_from_db()
    resident.refresh_from_db()
    assert message.status == Message.Status.PERMANENTLY_FAILED
    assert "Not a UK mobile number" in message.last_error
    assert message.send_after is None
    assert resident.mobile_undeliverable


def test_a_message_left_sending_by_a_dead_worker_is_not_sent_again_if_notify_has_it(
    notify_stub, engaged_resident, settings
):
    message = invite(engaged_resident)
    assert notify_stub.stats()["accepted"] == 1
    # As if the worker died after Notify accepted it but before recording that.
    Message.objects.filter(pk=message.pk).update(
        status=Message.Status.SENDING, sending_at=timezone.now() - timedelta(hours=1), provider_reference=""
    )
    settings.MESSAGING_STUCK_AFTER_SECONDS = 60

    messages_sweep()

    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert message.provider_reference == notify_stub.sent_to("invitation:1")[0]["id"]
    assert notify_stub.stats()["accepted"] == 1
    assert notify_stub.stats()["lookups"] == 1


def test_a_message_left_sending_before_notify_got_it_is_sent_once(notify_stub, engaged_resident, settings):
    with workers_busy():
        message = invite(engaged_resident)
    Message.objects.filter(pk=message.pk).update(
        status=Message.Status.SENDING, sending_at=timezone.now() - timedelta(hours=1)
    )
    settings.MESSAGING_STUCK_AFTER_SECONDS = 60

    messages_sweep()

    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert len(notify_stub.sent_to("invitation:1")) == 1


def test_after_a_timeout_notify_is_asked_before_trying_again(notify_stub, engaged_resident, settings):
    settings.NOTIFY_TIMEOUT_SECONDS = 1
    from engagement.messaging import channels

    channels.reset()
    notify_stub.configure(delay_seconds=1.5)

    message = invite(engaged_resident)

    message.refresh_from_db()
    assert message.status == Message.Status.FAILED
    assert message.provider_check_needed
    notify_stub.configure(delay_seconds=0)
    Message.objects.filter(pk=message.pk).update(send_after=timezone.now())
    messages_deliver(message_ids=[message.pk])

    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    # The slow request did reach Notify: it was found, not sent again.
    assert len(notify_stub.sent_to("invitation:1")) == 1


def test_two_workers_given_the_same_messages_send_each_once(notify_stub, db):
    with workers_busy():
        messages = [invite(opt_in(ResidentFactory(), Channel.EMAIL), key=f"invitation:{n}") for n in range(5)]
    ids = [message.pk for message in messages]

    first = messages_deliver(message_ids=ids)
    second = messages_deliver(message_ids=ids)

    assert len(first.statuses) == 5
    assert second.statuses == {}
    assert notify_stub.stats()["accepted"] == 5
    assert notify_stub.stats()["sent_twice"] == []


class workers_busy:
    """Record messages without a worker sending them (as if the workers were busy)."""

    def __enter__(self):
        from engagement.messaging import tasks

        self._apply_async = tasks.deliver_messages.apply_async
        tasks.deliver_messages.apply_async = lambda *args, **kwargs: None

    def __exit__(self, *exc):
        from engagement.messaging import tasks

        tasks.deliver_messages.apply_async = self._apply_async


def test_each_message_costs_a_few_queries_so_each_result_is_recorded_before_the_next_send(notify_stub, db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from engagement.messaging.audience import Audience
    from engagement.messaging.services.bulk import bulk_send_create
    from engagement.tests.factories import EstateFactory, HomeFactory, TenancyFactory

    def queries_to_deliver(count):
        estate = EstateFactory()
        for _ in range(count):
            opt_in(ResidentFactory(tenancy=TenancyFactory(home=HomeFactory(block__estate=estate))), Channel.EMAIL)
        with workers_busy():
            bulk_send = bulk_send_create(
                audience=Audience(estates=[estate.pk]),
                template="engagement.invitation",
                description="Roadshow",
                personalisation={"subject": "Roadshow", "body": "Come along."},
            )
        ids = list(bulk_send.messages.values_list("pk", flat=True))
        with CaptureQueriesContext(connection) as queries:
            report = messages_deliver(message_ids=ids)
        assert set(report.statuses.values()) == {Message.Status.SENT}
        return len(queries)

    # A claim and a result per message, and consent read again every ten.
    assert queries_to_deliver(20) - queries_to_deliver(10) <= 10 * 2 + 1


def test_a_message_claimed_by_another_worker_meanwhile_is_not_sent(notify_stub, engaged_resident):
    with workers_busy():
        message = invite(engaged_resident)
    # Another worker claimed it (moments ago) after this batch read it.
    from engagement.messaging.services import delivery

    real_load = delivery._load

    def load_then_lose_the_race(ids):
        loaded = real_load(ids)
        Message.objects.filter(pk=message.pk).update(
            status=Message.Status.SENDING, claim="another-worker", sending_at=timezone.now()
        )
        return loaded

    delivery._load = load_then_lose_the_race
    try:
        report = messages_deliver(message_ids=[message.pk])
    finally:
        delivery._load = real_load

    assert report.statuses == {}
    assert notify_stub.stats()["accepted"] == 0
    assert Message.objects.get(pk=message.pk).claim == "another-worker"
