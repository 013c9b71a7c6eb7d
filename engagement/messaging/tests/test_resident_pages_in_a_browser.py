"""The two messaging pages residents reach from a message, on a phone, checked with axe."""

import pytest
from playwright.sync_api import expect

from engagement.messaging.models import LetterCode, Message
from engagement.messaging.unsubscribe import unsubscribe_token
from engagement.models import Channel, Consent, Purpose
from engagement.tests.factories import ResidentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def phone(page):
    page.set_viewport_size({"width": 375, "height": 812})
    return page


def test_a_resident_stops_texts_from_the_link_in_one(live_server, phone, axe):
    resident = ResidentFactory()

    phone.goto(f"{live_server.url}/messages/unsubscribe/{unsubscribe_token(resident.pk, Channel.TEXT)}/")
    axe(phone)
    phone.get_by_role("button", name="Stop text messages").click()

    assert phone.get_by_role("heading", level=1).inner_text() == "You have been unsubscribed"
    axe(phone)
    assert Consent.objects.get(resident=resident, channel=Channel.TEXT, purpose=Purpose.ENGAGEMENT).given is False


def test_a_resident_types_the_code_from_a_letter_and_lands_on_its_link(live_server, phone, axe):
    message = Message.objects.create(
        idempotency_key="letter:1", channel=Channel.POST, purpose=Purpose.ENGAGEMENT, template="engagement.invitation"
    )
    LetterCode.objects.create(message=message, code="ABCD2346", url=f"{live_server.url}/contact-us/")

    phone.goto(f"{live_server.url}/code/")
    axe(phone)
    phone.get_by_label("Code").fill("ABCD 9999")
    phone.get_by_role("button", name="Continue").click()
    expect(phone.get_by_role("link", name="Enter the code exactly as it is on your letter")).to_be_visible()
    assert phone.get_by_label("Code").input_value() == "ABCD 9999"
    axe(phone)
    phone.get_by_label("Code").fill("abcd 2346")
    phone.get_by_role("button", name="Continue").click()

    assert phone.url == f"{live_server.url}/contact-us/"
