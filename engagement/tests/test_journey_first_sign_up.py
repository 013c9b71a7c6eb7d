"""A newcomer's first sign-up on a phone, JavaScript on and off: an accented email address explained,
the code email in the service's words, and one banner after the code."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from engagement.tests.factories import HomeFactory, TenancyFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_newcomer_with_an_accented_address_is_told_what_to_change_and_signs_up(
    live_server, resident_phone, axe, settings
):
    settings.SITE_URL = live_server.url
    TenancyFactory(reference="TEN-000042", home=HomeFactory(postcode="SE14 6AB"))
    page = resident_phone
    page.goto(live_server.url + "/account/signup/")
    axe(page)

    page.get_by_label("First name").fill("Zoë")
    page.get_by_label("Last name").fill("O'Brien")
    page.get_by_label("Email address").fill("zoë.o'brien+rv@example.org")
    page.get_by_label("Create a password").fill("a long enough password")
    page.get_by_role("button", name="Create account").click()

    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    summary_link = page.get_by_role("link", name=re.compile("Type ‘e’ instead of ‘ë’"))
    expect(summary_link).to_be_visible()
    at_the_field = page.locator(".govuk-form-group--error .govuk-error-message")
    assert at_the_field.count() == 1
    assert "Type ‘e’ instead of ‘ë’ if that is your address" in at_the_field.inner_text()
    assert page.get_by_label("Email address").input_value() == "zoë.o'brien+rv@example.org"
    assert page.get_by_label("First name").input_value() == "Zoë"
    assert page.get_by_label("Last name").input_value() == "O'Brien"
    axe(page)

    page.get_by_label("Email address").fill("zoe.o'brien+rv@example.org")
    page.get_by_label("Create a password").fill("a long enough password")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    axe(page)

    email = mail.outbox[-1]
    assert email.subject == "Resident Voice: Your code to confirm your email address"
    assert email.body.startswith("Dear Zoë,")
    assert "Hello from" not in email.body and "Please" not in email.body
    assert email.body.endswith(f"Resident Voice\nLewisham Council\n{live_server.url}/")
    page.get_by_label("Code").fill(re.search(r"[A-Z0-9]{4}-[A-Z0-9]{4}", email.body).group(0))
    page.get_by_role("button", name="Confirm email address").click()

    expect(page.get_by_role("heading", name="Confirm your tenancy")).to_be_visible()
    assert page.locator(".govuk-notification-banner").count() == 1
    assert "is confirmed" in page.locator(".govuk-notification-banner").inner_text()
    axe(page)
