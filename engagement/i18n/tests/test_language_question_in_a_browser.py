"""The account's language question on a phone, with and without JavaScript, checked with axe."""

import pytest
from playwright.sync_api import expect

from engagement.i18n.tests.catalogues import catalogues  # noqa: F401  (fixture)
from engagement.tests.browser import sign_in_as
from engagement.tests.factories import ResidentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resident_chooses_welsh_and_the_pages_change(live_server, resident_phone, axe, catalogues):  # noqa: F811
    resident = ResidentFactory(first_name="Rhian", last_name="Jones")
    sign_in_as(resident_phone, live_server, resident.user)
    page = resident_phone

    page.goto(f"{live_server.url}/your-account/contact-details/")
    axe(page)
    question = page.get_by_role("group", name="Which language would you like us to use?")
    expect(question.get_by_role("radio")).to_have_count(3)  # English, Welsh (complete), another language
    expect(question.get_by_label("English")).to_be_checked()

    question.get_by_label("Another language").check()
    page.get_by_role("button", name="Save contact details").click()
    expect(page.get_by_role("link", name="Enter the language you would like us to use")).to_be_visible()
    axe(page)

    page.get_by_role("group", name="Which language would you like us to use?").get_by_label("Cymraeg (Welsh)").check()
    page.get_by_role("button", name="Save contact details").click()

    expect(page.get_by_role("heading", level=1, name="[cy] Your account")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    axe(page)
    resident.refresh_from_db()
    assert resident.preferred_language == "Welsh"
