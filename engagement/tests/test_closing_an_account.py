"""A resident asks to close their account from Your account; an administrator then erases it.

Under UK GDPR the council must act on the request within a month, may need to keep some
records (a complaint, a claim, safeguarding), and must stop using consent the moment it is
withdrawn. So the request stops surveys and invitations at once and goes to an administrator,
who erases the account; the resident can still sign in until then and download their data.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from engagement.models import Channel, Consent, ConsentSource, Purpose, Resident
from engagement.services.consent import consent_record
from engagement.tests.browser import sign_in_as

pytestmark = pytest.mark.django_db


def test_asking_to_close_stops_surveys_at_once_and_goes_to_an_administrator(client, resident, administrator):
    consent_record(resident, channel=Channel.TEXT, purpose=Purpose.ENGAGEMENT, given=True, source=ConsentSource.ACCOUNT)
    client.force_login(resident.user)
    account = client.get(reverse("my_account")).content.decode()
    assert f'href="{reverse("close_account")}"' in account

    page = client.get(reverse("close_account")).content.decode()
    assert "Close my account" in page and "within one month" in page
    response = client.post(reverse("close_account"), follow=True)

    assert "We have your request to close your account" in response.content.decode()
    resident.refresh_from_db()
    assert resident.closure_requested_at is not None and resident.erased_at is None
    assert not Consent.objects.filter(resident=resident, purpose=Purpose.ENGAGEMENT, given=True).exists()
    assert "You asked us to close your account on" in client.get(reverse("close_account")).content.decode()
    client.force_login(administrator)
    waiting = client.get(reverse("admin:engagement_resident_changelist"), {"closure_requested_at__isnull": "False"})
    assert resident.full_name in waiting.content.decode()


def test_asking_twice_changes_nothing(client, resident):
    client.force_login(resident.user)
    client.post(reverse("close_account"))
    first = Resident.objects.get(pk=resident.pk).closure_requested_at

    client.post(reverse("close_account"))

    assert Resident.objects.get(pk=resident.pk).closure_requested_at == first


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_a_resident_on_a_phone_asks_to_close_their_account(live_server, new_page, axe, javascript):
    from engagement.tests.factories import ResidentFactory

    resident = ResidentFactory(first_name="Rita", last_name="Resident")
    page = new_page(viewport={"width": 375, "height": 812}, java_script_enabled=javascript)
    sign_in_as(page, live_server, resident.user)

    page.goto(live_server.url + reverse("my_account"))
    page.get_by_role("link", name="Close your account").click()
    expect(page.get_by_role("heading", level=1, name="Close your account")).to_be_visible()
    if javascript:  # axe runs as a script in the page: the same pages, checked once
        axe(page)
    page.get_by_role("button", name="Close my account").click()

    expect(page.get_by_text("We have your request to close your account")).to_be_visible()
    if javascript:
        axe(page)
    assert Resident.objects.get(pk=resident.pk).closure_requested_at is not None
