"""The TRA directory and TRAs' pages keep what they show (engagement/versions.py) and still show a change at once.

Outside a test's transaction, as requests run: kept content is only used there.
"""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from engagement.tests.factories import BlockFactory, EstateFactory, ResidentFactory
from events.models import Event
from tenants_associations.models import CommitteeRole, RecognitionStatus, TenantManagementOrganisation, TRADocument
from tenants_associations.tests.factories import (
    CommitteeRoleFactory,
    TRADocumentFactory,
    TRAMeetingFactory,
    resident_on,
    tra_for,
)

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="versions are kept by PostgreSQL triggers"),
    pytest.mark.django_db(transaction=True),
]

DIRECTORY = reverse("tenants_associations:directory")


def _page(client, url, **query):
    response = client.get(url, query)
    assert response.status_code == 200
    return response.content.decode()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        _page(client, url)
    return len(queries)


@pytest.fixture
def rushey(db):
    estate = EstateFactory(name="Rushey Mead")
    BlockFactory(estate=estate, name="Mead House")
    return tra_for(estate, name="Rushey Mead TRA", slug="rushey-mead-tra")


def _tra_page(tra) -> str:
    return reverse("tenants_associations:detail", kwargs={"slug": tra.slug})


def test_the_directory_is_one_query_once_kept(client, rushey):
    _page(client, DIRECTORY)

    assert _queries(client, DIRECTORY) == 1


def test_the_directory_shows_a_new_tra_a_renamed_estate_and_a_tmo_at_once(client, rushey):
    estate = rushey.estates.get()
    assert "Rushey Mead TRA" in _page(client, DIRECTORY)

    rushey.status = RecognitionStatus.LAPSED
    rushey.save()
    assert "Lapsed" in _page(client, DIRECTORY)

    estate.name = "Rushey Mead North"
    estate.save()
    assert "Rushey Mead North</dt>" in _page(client, DIRECTORY)

    partial = tra_for(EstateFactory(), name="Mead House Residents", slug="mead-house")
    partial.blocks.add(estate.blocks.get())
    assert "Covers Mead House only" in _page(client, DIRECTORY)

    TenantManagementOrganisation.objects.create(name="Mead Homes TMO").estates.add(estate)
    assert "Managed by Mead Homes TMO" in _page(client, DIRECTORY)


def test_a_search_is_kept_apart_from_the_whole_list(client, rushey):
    other = tra_for(EstateFactory(name="Bellingham Green"), name="Bellingham TRA", slug="bellingham-tra")
    assert "Bellingham TRA" in _page(client, DIRECTORY)

    searched = _page(client, DIRECTORY, estate=rushey.estates.get().pk)

    assert "1 estate found" in searched and "Bellingham TRA" not in searched
    assert "Bellingham TRA" in _page(client, DIRECTORY)
    refused = _page(client, DIRECTORY, postcode="Catford!")
    assert "<title>Error:" in refused and "There is a problem" in refused
    other.delete()
    assert "Bellingham TRA" not in _page(client, DIRECTORY)


def test_a_tras_page_is_one_query_once_kept(client, rushey):
    TRAMeetingFactory(tra=rushey)
    _page(client, _tra_page(rushey))

    assert _queries(client, _tra_page(rushey)) == 1


def test_a_tras_page_shows_an_edit_a_meeting_a_seat_and_a_document_at_once(client, rushey):
    url = _tra_page(rushey)
    assert "No meetings are planned" in _page(client, url)

    rushey.about = "We meet on the first Tuesday of the month."
    rushey.save()
    assert "first Tuesday of the month" in _page(client, url)

    meeting = TRAMeetingFactory(tra=rushey)
    assert "General meeting" in _page(client, url)

    Event.objects.filter(pk=meeting.event_id).update(status=Event.Status.CANCELLED)
    assert "No meetings are planned" in _page(client, url)

    CommitteeRoleFactory(tra=rushey, role=CommitteeRole.Role.CHAIR, resident=ResidentFactory(first_name="Cleo"))
    assert "Cleo" in _page(client, url)

    TRADocumentFactory(tra=rushey, title="Minutes of the AGM", kind=TRADocument.Kind.MINUTES)
    assert "Minutes of the AGM" in _page(client, url)

    rushey.blocks.add(BlockFactory(name="Tower House"))
    assert "Tower House" in _page(client, url)


def test_a_meeting_leaves_the_page_once_it_has_ended(client, rushey):
    meeting = TRAMeetingFactory(tra=rushey)
    url = _tra_page(rushey)
    assert "General meeting" in _page(client, url)

    with time_machine.travel(meeting.event.ends_at + timedelta(minutes=1)):
        assert "No meetings are planned" in _page(client, url)


def test_what_members_and_the_committee_see_is_kept_apart_from_what_everyone_sees(client, rushey):
    TRADocumentFactory(tra=rushey, title="Members' newsletter", visibility=TRADocument.Visibility.MEMBERS)
    TRAMeetingFactory(tra=rushey, kind="committee", event__title="Committee meeting")
    url = _tra_page(rushey)
    secretary = CommitteeRoleFactory(tra=rushey, resident=resident_on(rushey.estates.get())).resident
    member = resident_on(rushey.estates.get())
    rushey.memberships.create(resident=member, status="member", requested_at=timezone.now())

    public = _page(client, url)
    client.force_login(member.user)
    as_member = _page(client, url)
    client.force_login(secretary.user)
    as_committee = _page(client, url)
    client.logout()

    assert "Members&#x27; newsletter" not in public and "Committee meeting</strong>" not in public
    assert "Members&#x27; newsletter" in as_member and "Committee meeting</strong>" not in as_member
    assert "You are a member of Rushey Mead TRA" in as_member
    assert "Committee meeting</strong>" in as_committee and "Manage Rushey Mead TRA" in as_committee
    assert "Members&#x27; newsletter" not in _page(client, url)


def test_a_tra_that_is_not_there_is_not_found(client):
    assert client.get(reverse("tenants_associations:detail", kwargs={"slug": "nowhere"})).status_code == 404
