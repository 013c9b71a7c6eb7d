"""Community relations in a browser: import the tenant-base profile in admin, then read the reach report
from the admin home page, its chart and the diversity of those involved against the tenant base."""

import pytest
from playwright.sync_api import expect

from engagement.models import EqualityMonitoring
from engagement.services.involvement import involvement_refresh
from engagement.tests.browser import sign_in_as
from engagement.tests.test_reach_report import booked, estate_with_homes, resident_on

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PROFILE = "characteristic,answer,people\nSex,Female,5200\nSex,Male,4800\nSex,Oops,3\n"


def test_community_relations_import_a_profile_and_read_reach_against_it(
    live_server, page, axe, community_relations, tmp_path
):
    estate_with_homes(10, name="Quiet")
    busy = estate_with_homes(10, name="Busy")
    for sex in ["female"] * 6 + ["male"] * 6:
        EqualityMonitoring.objects.create(resident=booked(resident_on(busy)).resident, sex=sex)
    involvement_refresh()  # the bookings were made directly, not through the services that keep it
    sign_in_as(page, live_server, community_relations)

    page.goto(f"{live_server.url}/admin/engagement/tenantprofilefigure/")
    page.get_by_role("link", name="Import from a CSV file").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import a tenant-base profile")
    axe(page)
    bad = tmp_path / "profile.csv"
    bad.write_text(PROFILE)
    page.get_by_label("Tenant-base profile (CSV)").set_input_files(str(bad))
    page.get_by_role("button", name="Import the profile").click()
    expect(page.get_by_text("Line 4: “Oops” is not one of the answers to “Sex”")).to_be_visible()
    axe(page)
    good = tmp_path / "profile-corrected.csv"
    good.write_text(PROFILE.replace("Sex,Oops,3\n", ""))
    page.get_by_label("Tenant-base profile (CSV)").set_input_files(str(good))
    page.get_by_role("button", name="Import the profile").click()
    expect(page.get_by_text("2 figures imported for: Sex.")).to_be_visible()

    page.goto(f"{live_server.url}/admin/")
    page.get_by_role("link", name="Reach and diversity by estate and ward").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reach and diversity report")
    expect(page.get_by_role("img", name="Involved residents per 100 homes, by estate")).to_be_visible()
    expect(page.get_by_role("table", name="Reach by estate")).to_contain_text("Under-reached")
    sex = page.get_by_role("table", name="Sex", exact=True)
    expect(sex).to_contain_text("% of tenant base")
    expect(sex.get_by_role("row", name="Female")).to_contain_text("52.0%")
    expect(page.get_by_role("table", name="Reach by tenure, across the council")).to_be_visible()
    axe(page)
