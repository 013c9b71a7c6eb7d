"""The account page keeps what it shows (engagement/versions.py), shows a change at once, and is never
another resident's.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from engagement.models import AccessNeed, Channel, ConsentSource, EqualityMonitoring, Interest, Purpose
from engagement.services.consent import consent_record_many
from engagement.tests.factories import ResidentFactory
from engagement.tests.kept import KEPT_PAGE_TESTS, page_queries, page_text, signed_in

pytestmark = KEPT_PAGE_TESTS

ACCOUNT = reverse("my_account")


@pytest.fixture
def rita(db):
    return ResidentFactory(first_name="Rita", last_name="Resident", mobile="+447700900982")


@pytest.fixture
def owen(db):
    return ResidentFactory(first_name="Owen", last_name="Other", mobile="+447700900123")


def test_the_account_page_is_three_queries_once_kept(rita):
    client = signed_in(rita)
    page_text(client, ACCOUNT)

    # The session, the account with the resident record, the content versions.
    assert page_queries(client, ACCOUNT) == 3


def test_one_residents_account_is_never_shown_to_another(rita, owen):
    rita_client, owen_client = signed_in(rita), signed_in(owen)
    page_text(rita_client, ACCOUNT)

    page = page_text(owen_client, ACCOUNT)

    assert "Owen Other" in page
    assert "07700 900123" in page
    assert "Rita" not in page
    assert "07700 900982" not in page
    assert rita.tenancy.reference not in page
    assert "Rita Resident" in page_text(rita_client, ACCOUNT)


def test_changed_details_show_at_once_with_the_message_saying_so(rita):
    client = signed_in(rita)
    page_text(client, ACCOUNT)

    client.post(
        reverse("contact_details"),
        {"first_name": "Rita", "last_name": "Renamed", "mobile": "07700 900555", "preferred_language": "English"},
    )
    page = page_text(client, ACCOUNT)

    assert "Rita Renamed" in page
    assert "07700 900555" in page
    assert "Your contact details have been saved." in page
    assert "Your contact details have been saved." not in page_text(client, ACCOUNT)


def test_a_changed_consent_shows_at_once(rita):
    client = signed_in(rita)
    assert "Do not contact me" in page_text(client, ACCOUNT)

    consent_record_many(
        rita,
        {(Channel.EMAIL, Purpose.ENGAGEMENT): True, (Channel.EMAIL, Purpose.SERVICE): True},
        source=ConsentSource.ACCOUNT,
    )
    assert "Do not contact me" not in page_text(client, ACCOUNT)

    consent_record_many(rita, {(Channel.EMAIL, Purpose.ENGAGEMENT): False}, source=ConsentSource.ACCOUNT)
    assert "Do not contact me" in page_text(client, ACCOUNT)


def test_interests_access_needs_and_equality_answers_show_at_once(rita):
    gardening = Interest.objects.create(code="gardening", label="Community gardening")
    step_free = AccessNeed.objects.create(code="step_free", label="Step-free access")
    client = signed_in(rita)
    assert "Community gardening" not in page_text(client, ACCOUNT)

    rita.interests.add(gardening)
    assert "Community gardening" in page_text(client, ACCOUNT)

    rita.access_needs.add(step_free)
    assert "Step-free access" in page_text(client, ACCOUNT)

    gardening.label = "Gardening days"
    gardening.save()
    assert "Gardening days" in page_text(client, ACCOUNT)

    EqualityMonitoring.objects.create(resident=rita)
    assert "Not answered (optional)" not in page_text(client, ACCOUNT)


def test_a_tenancy_confirmed_by_an_officer_and_a_renamed_estate_show_at_once(rita):
    rita.tenancy_verified_at = None
    rita.save()
    client = signed_in(rita)
    assert "Confirm your tenancy" in page_text(client, ACCOUNT)

    rita.tenancy_verified_at = timezone.now()
    rita.save()
    assert "Confirm your tenancy" not in page_text(client, ACCOUNT)

    estate = rita.tenancy.home.block.estate
    estate.name = "Rushey Mead North"
    estate.save()
    assert "Rushey Mead North" in page_text(client, ACCOUNT)
