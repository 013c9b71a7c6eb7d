"""Notify's delivery receipts: checked by bearer token; permanent failures flag the detail for officers."""

import json

import pytest

from engagement.messaging.models import Message
from engagement.messaging.services import message_queue
from engagement.messaging.tests.conftest import opt_in
from engagement.models import Channel
from engagement.tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db(transaction=True)

TOKEN = "a-long-random-callback-token"


@pytest.fixture(autouse=True)
def _callback_token(settings):
    settings.NOTIFY_CALLBACK_TOKEN = TOKEN


def receipt(client, message, status, *, token=TOKEN, to=None):
    payload = {
        "id": message.provider_reference or "4a0ad8a2-0000-0000-0000-000000000000",
        "reference": message.idempotency_key,
        "to": to or message.sent_to,
        "status": status,
        "created_at": "2026-03-01T10:00:00.000000Z",
        "completed_at": "2026-03-01T10:00:05.000000Z",
        "sent_at": "2026-03-01T10:00:01.000000Z",
        "notification_type": message.channel,
    }
    return client.post(
        "/messages/notify/delivery-receipts/",
        json.dumps(payload),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )


def invite(resident, key="invitation:1"):
    message = message_queue(
        template="engagement.invitation",
        key=key,
        resident=resident,
        personalisation={"subject": "Survey", "body": "Have your say."},
    )
    message.refresh_from_db()
    return message


def test_a_delivered_receipt_marks_the_message_delivered(client, notify_stub, engaged_resident):
    message = invite(engaged_resident)

    response = receipt(client, message, "delivered")

    assert response.status_code == 204
    message.refresh_from_db()
    assert message.status == Message.Status.DELIVERED
    assert message.delivered_at.isoformat().startswith("2026-03-01T10:00:05")


def test_a_receipt_without_the_right_token_changes_nothing(client, notify_stub, engaged_resident):
    message = invite(engaged_resident)

    assert receipt(client, message, "permanent-failure", token="guessed").status_code == 401
    assert client.post("/messages/notify/delivery-receipts/", "{}", content_type="application/json").status_code == 401

    message.refresh_from_db()
    engaged_resident.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert not engaged_resident.email_undeliverable


def test_no_receipt_is_accepted_when_no_token_is_configured(client, settings, notify_stub, engaged_resident):
    message = invite(engaged_resident)
    settings.NOTIFY_CALLBACK_TOKEN = ""

    assert receipt(client, message, "delivered", token="").status_code == 401


def test_a_permanent_failure_flags_the_email_address_and_officers_can_find_it(
    client, notify_stub, engaged_resident, officer
):
    message = invite(engaged_resident)

    receipt(client, message, "permanent-failure")

    message.refresh_from_db()
    engaged_resident.refresh_from_db()
    assert message.status == Message.Status.PERMANENTLY_FAILED
    assert engaged_resident.email_undeliverable
    client.force_login(officer)
    page = client.get("/admin/messaging/contacttofix/").content.decode()
    assert engaged_resident.email in page
    assert "Notify: permanent-failure" in page


def test_a_failure_for_an_address_an_officer_has_since_corrected_flags_nothing(client, notify_stub, engaged_resident):
    message = invite(engaged_resident)
    engaged_resident.email = "corrected@example.com"
    engaged_resident.save()

    receipt(client, message, "permanent-failure")

    engaged_resident.refresh_from_db()
    assert not engaged_resident.email_undeliverable


def test_a_returned_letter_flags_the_home_address(client, notify_stub, db):
    resident = opt_in(ResidentFactory(email="", user=None), Channel.POST)
    message = invite(resident)

    receipt(client, message, "permanent-failure")

    resident.tenancy.home.refresh_from_db()
    assert resident.tenancy.home.undeliverable_post


def test_a_technical_failure_is_sent_again_by_the_sweep(client, notify_stub, engaged_resident, settings):
    from engagement.messaging.services import messages_sweep

    message = invite(engaged_resident)
    receipt(client, message, "technical-failure")
    message.refresh_from_db()
    assert message.status == Message.Status.FAILED

    settings.MESSAGING_SWEEP_AFTER_SECONDS = -1
    messages_sweep()

    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert len(notify_stub.sent_to(message.idempotency_key)) == 2


def test_a_late_failure_does_not_undo_a_delivery(client, notify_stub, engaged_resident):
    message = invite(engaged_resident)
    receipt(client, message, "delivered")

    receipt(client, message, "temporary-failure")

    message.refresh_from_db()
    assert message.status == Message.Status.DELIVERED


def test_the_contacts_to_fix_list_is_one_query_set_however_long(client, officer, django_assert_max_num_queries):
    client.force_login(officer)

    def page_with(count):
        for _ in range(count):
            ResidentFactory(mobile="+447700900111", mobile_undeliverable=True)
        with django_assert_max_num_queries(12):
            response = client.get("/admin/messaging/contacttofix/")
        assert response.status_code == 200

    page_with(5)
    page_with(45)
