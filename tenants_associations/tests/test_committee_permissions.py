"""A committee member manages their own TRA and nothing else: the secretary of TRA A cannot see
or change anything of TRA B, through any committee page, by GET or POST."""

from dataclasses import dataclass

import pytest
from django.urls import reverse

from engagement.messaging.models import Message
from tenants_associations import urls as tra_urls
from tenants_associations.models import CommitteeRole, Membership, Notice, RoomBooking, TRADocument, TRAMeeting
from tenants_associations.tests.factories import (
    CommitteeRoleFactory,
    MembershipFactory,
    TenantsAssociationFactory,
    TRADocumentFactory,
    TRAMeetingFactory,
)

pytestmark = pytest.mark.django_db


@dataclass
class OtherTRA:
    tra: object
    member: Membership
    request: Membership
    meeting: TRAMeeting
    document: TRADocument


@pytest.fixture
def other(db):
    tra = TenantsAssociationFactory(name="Hillside TRA", slug="hillside-tra")
    CommitteeRoleFactory(tra=tra, role=CommitteeRole.Role.SECRETARY)
    return OtherTRA(
        tra=tra,
        member=MembershipFactory(tra=tra),
        request=MembershipFactory(tra=tra, status=Membership.Status.REQUESTED),
        meeting=TRAMeetingFactory(tra=tra),
        document=TRADocumentFactory(tra=tra),
    )


# Every committee page, with the ids of the objects it acts on taken from `objects_of`.
COMMITTEE_PAGES = {
    "committee_home": {},
    "committee_requests": {},
    "committee_request": {"membership_id": "request"},
    "committee_members": {},
    "committee_member_message": {"membership_id": "member"},
    "committee_representative": {"membership_id": "member"},
    "committee_notice_new": {},
    "committee_meetings": {},
    "committee_meeting_new": {},
    "committee_meeting_cancel": {"meeting_id": "meeting"},
    "committee_room_bookings": {},
    "committee_room_booking_new": {},
    "committee_documents": {},
    "committee_document_new": {},
    "committee_document_delete": {"document_id": "document"},
}

# What each page could change if it let someone through.
POSTED = {
    "decision": "accept",
    "reason": "",
    "represents": "yes",
    "subject": "Hello",
    "body": "A notice",
    "kind": "general",
    "date_0": "1",
    "date_1": "1",
    "date_2": "2099",
    "time": "7pm",
    "place": "Hall",
    "title": "Minutes",
    "visibility": "public",
    "end_time": "9pm",
}


def _url(name, slug, objects):
    kwargs = {key: getattr(objects, attribute).pk for key, attribute in COMMITTEE_PAGES[name].items()}
    return reverse(f"tenants_associations:{name}", kwargs={"slug": slug, **kwargs})


def _state():
    return (
        list(Membership.objects.order_by("pk").values_list("status", "is_representative")),
        list(TRAMeeting.objects.order_by("pk").values_list("event__status", flat=True)),
        TRAMeeting.objects.count(),
        TRADocument.objects.count(),
        Notice.objects.count(),
        Message.objects.count(),
        RoomBooking.objects.count(),
    )


def test_every_committee_page_is_covered_by_these_tests():
    assert {pattern.name for pattern in tra_urls.committee_urls} == set(COMMITTEE_PAGES)


@pytest.mark.parametrize("name", COMMITTEE_PAGES)
def test_the_secretary_of_one_tra_cannot_open_or_change_another_tras_pages(secretary_client, tra, other, name):
    url = _url(name, other.tra.slug, other)
    before = _state()

    seen = secretary_client.get(url)
    posted = secretary_client.post(url, POSTED)

    for response in (seen, posted):
        assert response.status_code == 403
        page = response.content.decode()
        assert "These pages are for the committee of Hillside TRA" in page
        assert other.member.resident.full_name not in page
    assert _state() == before


@pytest.mark.parametrize("name", [name for name, ids in COMMITTEE_PAGES.items() if ids])
def test_the_secretary_cannot_reach_another_tras_records_through_their_own_tras_pages(
    secretary_client, tra, other, name
):
    url = _url(name, tra.slug, other)
    before = _state()

    assert secretary_client.get(url).status_code == 404
    assert secretary_client.post(url, POSTED).status_code == 404
    assert _state() == before


@pytest.mark.parametrize("name", COMMITTEE_PAGES)
def test_residents_not_on_the_committee_are_told_the_pages_are_for_the_committee(client, resident, tra, other, name):
    MembershipFactory(tra=tra, resident=resident)
    client.force_login(resident.user)
    before = _state()

    response = client.post(_url(name, tra.slug, other), POSTED)

    assert response.status_code == 403
    assert "These pages are for the committee of Riverside TRA" in response.content.decode()
    assert _state() == before


@pytest.mark.parametrize("name", COMMITTEE_PAGES)
def test_visitors_are_asked_to_sign_in(client, tra, other, name):
    response = client.get(_url(name, tra.slug, other))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_a_committee_member_whose_term_has_ended_is_turned_away(client, tra, other):
    from tenants_associations.tests.factories import a_date

    former = CommitteeRoleFactory(tra=tra, term_starts_on=a_date(-400), term_ends_on=a_date(-35)).resident
    client.force_login(former.user)

    assert client.get(reverse("tenants_associations:committee_home", kwargs={"slug": tra.slug})).status_code == 403


@pytest.mark.parametrize("name", COMMITTEE_PAGES)
def test_the_secretary_can_open_each_of_their_own_tras_pages(secretary_client, tra, name):
    mine = OtherTRA(
        tra=tra,
        member=MembershipFactory(tra=tra),
        request=MembershipFactory(tra=tra, status=Membership.Status.REQUESTED),
        meeting=TRAMeetingFactory(tra=tra),
        document=TRADocumentFactory(tra=tra),
    )

    response = secretary_client.get(_url(name, tra.slug, mine))

    # The representative switch is a button on the members page: a GET just goes back there.
    assert response.status_code == (302 if name == "committee_representative" else 200)
