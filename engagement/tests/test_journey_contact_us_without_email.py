"""Contact us on a 375 px phone, JavaScript on and off, checked with axe: a phone number is enough."""

import pytest
from playwright.sync_api import expect

from engagement.models import ContactEnquiry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resident_without_email_asks_us_to_phone_them(live_server, resident_phone, axe, settings):
    settings.REPAIRS_PHONE = "0808 157 0000"
    page = resident_phone
    page.goto(live_server.url + "/contact-us/")
    axe(page)
    expect(page.get_by_text("phone the repairs line instead on 0808 157 0000")).to_be_visible()

    page.get_by_label("Your name").fill("Dorothy Brown")
    page.get_by_label("Phone call").check()
    page.get_by_label("Your message").fill("Is there a surgery on Crossfields this month?")
    page.get_by_role("button", name="Send message").click()

    # Forgot the number: said at the field, the rest kept.
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_text("Enter your phone number").first).to_be_visible()
    assert page.get_by_label("Your message").input_value() == "Is there a surgery on Crossfields this month?"
    axe(page)

    page.get_by_label("Phone number", exact=True).fill("020 7946 0018")
    page.get_by_role("button", name="Send message").click()

    expect(page.get_by_role("heading", name="Message sent")).to_be_visible()
    expect(page.get_by_text("by phoning you between 9am and 5pm on a weekday")).to_be_visible()
    axe(page)
    enquiry = ContactEnquiry.objects.get()
    assert (enquiry.reply_by, enquiry.phone, enquiry.email) == ("phone", "+442079460018", "")
