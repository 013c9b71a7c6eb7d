"""An officer opens a resident's history from their admin page and narrows it to one kind."""

import pytest
from playwright.sync_api import expect

from engagement.tests.browser import sign_in_as
from engagement.tests.test_resident_history import history_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}


def test_an_officer_reads_a_residents_history_and_filters_it(live_server, page, axe, officer, resident):
    history_of(resident, officer=officer)
    sign_in_as(page, live_server, officer)
    page.set_viewport_size(DESKTOP)

    page.goto(f"{live_server.url}/admin/engagement/resident/{resident.pk}/change/")
    page.get_by_role("link", name="Timeline", exact=True).click()
    expect(page.get_by_role("heading", name="Timeline: Rita Resident")).to_be_visible()
    timeline = page.locator(".resident-history__table")
    expect(timeline).to_contain_text("Crossfields fun day 0")
    expect(timeline).to_contain_text("Prefers calls after 5pm (0)")
    axe(page)

    page.get_by_role("link", name="Door-knocking visits (1)").click()
    expect(timeline).to_contain_text("Door-knocking: Winter door-knocking 0")
    expect(timeline).not_to_contain_text("Prefers calls after 5pm")
    expect(page.get_by_role("link", name="Door-knocking visits (1)")).to_have_attribute("aria-current", "true")
    axe(page)

    page.get_by_role("link", name="Door-knocking: Winter door-knocking 0").click()
    expect(page.get_by_role("heading", name="Change event")).to_be_visible()
