"""The account page keeps what it shows (engagement/versions.py), shows a change at once, and is never
another resident's.

Outside a test's transaction, as requests run: kept content is only used there.
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from engagement.models import AccessNeed, Channel, ConsentSource, EqualityMonitoring, Interest, Purpose
from engagement.services.consent import consent_record_many
from engagement.tests.factories import ResidentFactory

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="versions are kept by PostgreSQL triggers"),
    pytest.mark.django_db(transaction=True),
]

ACCOUNT = reverse("my_account")


def _page(client) -> str:
    response = client.get(ACCOUNT)
    assert response.status_code == 200
    return response.content.decode()


def _signed_in(resident) -> Client:
    client = Client()
    client.force_login(resident.user)
    return client


@pytest.fixture
def rita(db):
    return ResidentFactory(first_name="Rita", last_name="Resident", mobile="+447700900982")


@pytest.fixture
def owen(db):
    return ResidentFactory(first_name="Owen", last_name="Other", mobile="+447700900123")


def test_the_account_page_is_three_queries_once_kept(rita):
    client = _signed_in(rita)
    _page(client)

    with CaptureQueriesContext(connection) as queries:
        _page(client)

    # The session, the account with the resident record, the content versions.
    assert len(queries) == 3


def test_one_residents_account_is_never_shown_to_another(rita, owen):
    rita_client, owen_client = _signed_in(rita), _signed_in(owen)
    _page(rita_client)

    page = _page(owen_client)

    assert "Owen Other" in page
    assert "07700 900123" in page
    assert "Rita" not in page
    assert "07700 900982" not in page
    assert rita.tenancy.reference not in page
    assert "Rita Resident" in _page(rita_client)


def test_changed_details_show_at_once_with_the_message_saying_so(rita):
    client = _signed_in(rita)
    _page(client)

    client.post(
        reverse("contact_details"),
        {"first_name": "Rita", "last_name": "Renamed", "mobile": "07700 900555", "preferred_language": "English"},
    )
    page = _page(client)

    assert "Rita Renamed" in page
    assert "07700 900555" in page
    assert "Your contact details have been saved." in page
    assert "Your contact details have been saved." not in _page(client)


def test_a_changed_consent_shows_at_once(rita):
    client = _signed_in(rita)
    assert "Do not contact me" in _page(client)

    consent_record_many(
        rita,
        {(Channel.EMAIL, Purpose.ENGAGEMENT): True, (Channel.EMAIL, Purpose.SERVICE): True},
        source=ConsentSource.ACCOUNT,
    )
    assert "Do not contact me" not in _page(client)

    consent_record_many(rita, {(Channel.EMAIL, Purpose.ENGAGEMENT): False}, source=ConsentSource.ACCOUNT)
    assert "Do not contact me" in _page(client)


def test_interests_access_needs_and_equality_answers_show_at_once(rita):
    gardening = Interest.objects.create(code="gardening", label="Community gardening")
    step_free = AccessNeed.objects.create(code="step_free", label="Step-free access")
    client = _signed_in(rita)
    assert "Community gardening" not in _page(client)

    rita.interests.add(gardening)
    assert "Community gardening" in _page(client)

    rita.access_needs.add(step_free)
    assert "Step-free access" in _page(client)

    gardening.label = "Gardening days"
    gardening.save()
    assert "Gardening days" in _page(client)

    EqualityMonitoring.objects.create(resident=rita)
    assert "Not answered (optional)" not in _page(client)


def test_a_tenancy_confirmed_by_an_officer_and_a_renamed_estate_show_at_once(rita):
    rita.tenancy_verified_at = None
    rita.save()
    client = _signed_in(rita)
    assert "Confirm your tenancy" in _page(client)

    rita.tenancy_verified_at = timezone.now()
    rita.save()
    assert "Confirm your tenancy" not in _page(client)

    estate = rita.tenancy.home.block.estate
    estate.name = "Rushey Mead North"
    estate.save()
    assert "Rushey Mead North" in _page(client)
