"""Sign up → verify email → verify tenancy → set contact preferences → download my data, in a real browser."""

import json
import re
import zipfile

import pytest
from django.core import mail
from playwright.sync_api import expect

from engagement.models import Consent
from engagement.tests.factories import HomeFactory, TenancyFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_new_resident_signs_up_and_takes_charge_of_their_data(live_server, page, axe):
    TenancyFactory(reference="TEN-004512", home=HomeFactory(postcode="SE6 4RU"))

    page.goto(live_server.url + "/")
    axe(page)
    page.get_by_role("link", name="Create an account").first.click()
    axe(page)

    # A mistake first: the error summary appears and what was typed is kept.
    page.get_by_label("Email address").fill("nadia@example.com")
    page.get_by_label("Create a password").fill("a long enough password")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert page.get_by_label("Email address").input_value() == "nadia@example.com"
    assert page.title().startswith("Error:")
    axe(page)

    page.get_by_label("First name").fill("Nadia")
    page.get_by_label("Last name").fill("New")
    page.get_by_label("Create a password").fill("a long enough password")
    page.get_by_role("button", name="Create account").click()

    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    axe(page)
    code = re.search(r"[A-Z0-9]{4}-[A-Z0-9]{4}", mail.outbox[-1].body).group(0)
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Confirm email address").click()

    expect(page.get_by_role("heading", name="Confirm your tenancy")).to_be_visible()
    axe(page)
    page.get_by_label("Tenancy reference").fill("TEN-004512")
    page.get_by_label("Postcode of your home").fill("se6 4ru")
    page.get_by_role("button", name="Check my tenancy").click()

    expect(page.get_by_role("heading", name="How we contact you")).to_be_visible()
    expect(page.get_by_text("We have confirmed your tenancy")).to_be_visible()
    axe(page)
    page.get_by_role("group", name="How can we send you surveys and invitations to get involved?").get_by_label(
        "Email"
    ).check()
    page.get_by_role("button", name="Save contact preferences").click()

    expect(page.get_by_role("heading", name="Your account")).to_be_visible()
    expect(page.get_by_text("Your contact preferences have been saved.")).to_be_visible()
    axe(page)
    assert Consent.objects.get(channel="email", purpose="engagement").given

    page.get_by_role("link", name="Download your data").click()
    axe(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download your data (zip file)").click()
    with zipfile.ZipFile(download_info.value.path()) as archive:
        data = json.loads(archive.read("my-data.json"))
    assert data["About you"][0]["tenancy_reference"] == "TEN-004512"
    assert data["Contact consent"][0]["given"] is True
    assert len(axe.pages_checked) >= 7
