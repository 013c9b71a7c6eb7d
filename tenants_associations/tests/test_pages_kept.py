"""The TRA directory and TRAs' pages keep what they show (engagement/versions.py) and still show a change at once."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from engagement.tests.factories import BlockFactory, EstateFactory, ResidentFactory
from engagement.tests.kept import KEPT_PAGE_TESTS, page_queries, page_text
from events.models import Event
from tenants_associations.models import CommitteeRole, RecognitionStatus, TenantManagementOrganisation, TRADocument
from tenants_associations.tests.factories import (
    CommitteeRoleFactory,
    TRADocumentFactory,
    TRAMeetingFactory,
    resident_on,
    tra_for,
)

pytestmark = KEPT_PAGE_TESTS

DIRECTORY = reverse("tenants_associations:directory")


@pytest.fixture
def rushey(db):
    estate = EstateFactory(name="Rushey Mead")
    BlockFactory(estate=estate, name="Mead House")
    return tra_for(estate, name="Rushey Mead TRA", slug="rushey-mead-tra")


def _tra_page(tra) -> str:
    return reverse("tenants_associations:detail", kwargs={"slug": tra.slug})


def test_the_directory_is_one_query_once_kept(client, rushey):
    page_text(client, DIRECTORY)

    assert page_queries(client, DIRECTORY) == 1


def test_the_directory_shows_a_new_tra_a_renamed_estate_and_a_tmo_at_once(client, rushey):
    estate = rushey.estates.get()
    assert "Rushey Mead TRA" in page_text(client, DIRECTORY)

    rushey.status = RecognitionStatus.LAPSED
    rushey.save()
    assert "Lapsed" in page_text(client, DIRECTORY)

    estate.name = "Rushey Mead North"
    estate.save()
    assert "Rushey Mead North</dt>" in page_text(client, DIRECTORY)

    partial = tra_for(EstateFactory(), name="Mead House Residents", slug="mead-house")
    partial.blocks.add(estate.blocks.get())
    assert "Covers Mead House only" in page_text(client, DIRECTORY)

    TenantManagementOrganisation.objects.create(name="Mead Homes TMO").estates.add(estate)
    assert "Managed by Mead Homes TMO" in page_text(client, DIRECTORY)


def test_a_search_is_kept_apart_from_the_whole_list(client, rushey):
    other = tra_for(EstateFactory(name="Bellingham Green"), name="Bellingham TRA", slug="bellingham-tra")
    assert "Bellingham TRA" in page_text(client, DIRECTORY)

    searched = page_text(client, DIRECTORY, estate=rushey.estates.get().pk)

    assert "1 estate found" in searched and "Bellingham TRA" not in searched
    assert "Bellingham TRA" in page_text(client, DIRECTORY)
    refused = page_text(client, DIRECTORY, postcode="Catford!")
    assert "<title>Error:" in refused and "There is a problem" in refused
    other.delete()
    assert "Bellingham TRA" not in page_text(client, DIRECTORY)


def test_a_tras_page_is_one_query_once_kept(client, rushey):
    TRAMeetingFactory(tra=rushey)
    page_text(client, _tra_page(rushey))

    assert page_queries(client, _tra_page(rushey)) == 1


def test_a_tras_page_shows_an_edit_a_meeting_a_seat_and_a_document_at_once(client, rushey):
    url = _tra_page(rushey)
    assert "No meetings are planned" in page_text(client, url)

    rushey.about = "We meet on the first Tuesday of the month."
    rushey.save()
    assert "first Tuesday of the month" in page_text(client, url)

    meeting = TRAMeetingFactory(tra=rushey)
    assert "General meeting" in page_text(client, url)

    Event.objects.filter(pk=meeting.event_id).update(status=Event.Status.CANCELLED)
    assert "No meetings are planned" in page_text(client, url)

    CommitteeRoleFactory(tra=rushey, role=CommitteeRole.Role.CHAIR, resident=ResidentFactory(first_name="Cleo"))
    assert "Cleo" in page_text(client, url)

    TRADocumentFactory(tra=rushey, title="Minutes of the AGM", kind=TRADocument.Kind.MINUTES)
    assert "Minutes of the AGM" in page_text(client, url)

    rushey.blocks.add(BlockFactory(name="Tower House"))
    assert "Tower House" in page_text(client, url)


def test_a_meeting_leaves_the_page_once_it_has_ended(client, rushey):
    meeting = TRAMeetingFactory(tra=rushey)
    url = _tra_page(rushey)
    assert "General meeting" in page_text(client, url)

    with time_machine.travel(meeting.event.ends_at + timedelta(minutes=1)):
        assert "No meetings are planned" in page_text(client, url)


def test_what_members_and_the_committee_see_is_kept_apart_from_what_everyone_sees(client, rushey):
    TRADocumentFactory(tra=rushey, title="Members' newsletter", visibility=TRADocument.Visibility.MEMBERS)
    TRAMeetingFactory(tra=rushey, kind="committee", event__title="Committee meeting")
    url = _tra_page(rushey)
    secretary = CommitteeRoleFactory(tra=rushey, resident=resident_on(rushey.estates.get())).resident
    member = resident_on(rushey.estates.get())
    rushey.memberships.create(resident=member, status="member", requested_at=timezone.now())

    public = page_text(client, url)
    client.force_login(member.user)
    as_member = page_text(client, url)
    client.force_login(secretary.user)
    as_committee = page_text(client, url)
    client.logout()

    assert "Members&#x27; newsletter" not in public and "Committee meeting</strong>" not in public
    assert "Members&#x27; newsletter" in as_member and "Committee meeting</strong>" not in as_member
    assert "You are a member of Rushey Mead TRA" in as_member
    assert "Committee meeting</strong>" in as_committee and "Manage Rushey Mead TRA" in as_committee
    assert "Members&#x27; newsletter" not in page_text(client, url)


def test_a_tra_that_is_not_there_is_not_found(client):
    assert client.get(reverse("tenants_associations:detail", kwargs={"slug": "nowhere"})).status_code == 404
