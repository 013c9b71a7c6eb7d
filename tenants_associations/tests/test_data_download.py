"""A resident's TRA data is in their data download, and nobody else's."""

import pytest

from engagement.tests.downloads import download_my_data
from tenants_associations.models import Membership
from tenants_associations.services.contact import enquiry_send
from tenants_associations.services.membership import membership_decline
from tenants_associations.tests.factories import CommitteeRoleFactory, MembershipFactory, StartingInterestFactory

pytestmark = pytest.mark.django_db


def _download(client, resident):
    client.force_login(resident.user)
    return download_my_data(client).data


def test_memberships_requests_and_messages_are_in_the_download(client, resident, other_resident, tra, secretary):
    declined = MembershipFactory(tra=tra, resident=resident, status=Membership.Status.REQUESTED, note="Let me in")
    membership_decline(membership=declined, decided_by=secretary.user, reason="Wrong estate")
    MembershipFactory(tra=tra, resident=resident, status=Membership.Status.REQUESTED)
    enquiry_send(tra=tra, name="Rita", email=resident.email, message="When is the AGM?", resident=resident)
    enquiry_send(tra=tra, name="Owen", email=other_resident.email, message="Owen's own question")
    StartingInterestFactory(resident=resident, could_help=True, note="Fun day")

    data = _download(client, resident)

    memberships = data["TRA memberships and requests to join"]
    assert [(row["tra"], row["status"]) for row in memberships] == [
        ("Riverside TRA", "Declined"),
        ("Riverside TRA", "Asked to join"),
    ]
    assert memberships[0]["what_you_told_the_committee"] == "Let me in"
    assert memberships[0]["reason_given_for_declining"] == "Wrong estate"
    assert [row["message"] for row in data["Messages to TRA committees"]] == ["When is the AGM?"]
    assert data["Interest in starting a TRA"][0]["what_you_told_us"] == "Fun day"
    assert data["TRA committee roles"] == []


def test_committee_members_find_their_roles_and_what_they_sent(client, tra, secretary, resident):
    from tenants_associations.services.committee import notice_send

    MembershipFactory(tra=tra, resident=resident)
    notice_send(tra=tra, subject="AGM", body="Come along", sent_by=secretary)
    CommitteeRoleFactory(tra=tra)

    data = _download(client, secretary)

    assert [row["role"] for row in data["TRA committee roles"]] == ["Secretary"]
    assert data["Messages sent as a TRA committee member"][0]["subject"] == "AGM"
    assert data["Messages sent as a TRA committee member"][0]["to"] == "All members"


def test_a_committee_member_finds_the_rooms_they_booked(client, tra, secretary, resident):
    from datetime import datetime, time, timedelta

    from django.utils import timezone

    from tenants_associations.services.rooms import RoomRequest, room_book
    from tenants_associations.tests.factories import centre_with_room

    day = timezone.localdate() + timedelta(days=9)
    room_book(
        tra=tra,
        request=RoomRequest(
            room=centre_with_room(),
            kind="general",
            starts_at=timezone.make_aware(datetime.combine(day, time(18))),
            ends_at=timezone.make_aware(datetime.combine(day, time(20))),
        ),
        booked_by=secretary,
    )

    booked = _download(client, secretary)["Rooms you booked for TRA meetings"]
    assert [(row["room"], row["centre"], row["status"]) for row in booked] == [
        ("Meeting room 1", "Taplow Resource Centre", "Booked")
    ]
    assert _download(client, resident)["Rooms you booked for TRA meetings"] == []
