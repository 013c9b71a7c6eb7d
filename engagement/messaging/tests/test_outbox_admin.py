"""The outbox in admin: officers find messages by status, channel and type, and send failed ones again."""

import pytest
from django.core import mail

from engagement.messaging.models import Message
from engagement.messaging.services import message_queue

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def failed_message(notify_stub, engaged_resident):
    notify_stub.fail_next(1, status=400)
    message = message_queue(
        template="engagement.invitation",
        key="invitation:1",
        resident=engaged_resident,
        personalisation={"subject": "Survey", "body": "Have your say."},
    )
    message.refresh_from_db()
    assert message.status == Message.Status.PERMANENTLY_FAILED
    return message


def test_officers_filter_the_outbox_by_status_channel_and_type(officer_client, failed_message):
    page = officer_client.get(
        "/admin/messaging/message/?status__exact=permanently_failed&channel__exact=email&template=engagement.invitation"
    ).content.decode()
    assert "Esther" in page
    assert "Stub failure on demand" in page

    empty = officer_client.get("/admin/messaging/message/?status__exact=sent").content.decode()
    assert "Esther" not in empty


def test_a_failed_message_can_be_sent_again_and_goes_once(officer_client, notify_stub, failed_message):
    officer_client.post("/admin/messaging/message/", {"action": "resend", "_selected_action": [failed_message.pk]})

    failed_message.refresh_from_db()
    assert failed_message.status == Message.Status.SENT
    assert len(notify_stub.sent_to("invitation:1")) == 1


def test_a_sent_message_is_not_sent_again_by_the_resend_action(officer_client, notify_stub, engaged_resident):
    message = message_queue(
        template="engagement.invitation",
        key="invitation:2",
        resident=engaged_resident,
        personalisation={"subject": "Survey", "body": "Have your say."},
    )

    officer_client.post("/admin/messaging/message/", {"action": "resend", "_selected_action": [message.pk]})

    assert len(notify_stub.sent_to("invitation:2")) == 1
    assert mail.outbox == []
