import pytest
from django.core.management import call_command
from django.utils import timezone

from engagement.demo import ESTATES
from engagement.messaging.models import Message
from engagement.models import Estate
from events.models import Event, Invitation
from tenants_associations.demo import NO_TRA_ESTATE
from tenants_associations.directory import directory_estates, directory_listings
from tenants_associations.models import (
    CommitteeRole,
    CommunityRoom,
    Membership,
    OpeningHours,
    ResourceCentre,
    RoomBooking,
    StartingInterest,
    TenantManagementOrganisation,
    TenantsAssociation,
    TRADocument,
    TRAMeeting,
)
from tenants_associations.rules import committee_roles

pytestmark = pytest.mark.django_db


def _counts():
    return tuple(
        model.objects.count()
        for model in (
            TenantsAssociation,
            CommitteeRole,
            Membership,
            StartingInterest,
            TRAMeeting,
            TRADocument,
            Event,
            Invitation,
            ResourceCentre,
            OpeningHours,
            CommunityRoom,
            RoomBooking,
            TenantManagementOrganisation,
        )
    )


def test_demo_tras_cover_most_estates_and_loading_again_changes_nothing(capsys, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo")
    first = _counts()
    printed = capsys.readouterr().out
    call_command("load_demo")

    assert _counts() == first
    assert "TRA secretaries sign in" in printed
    assert ResourceCentre.objects.filter(name__in=["Taplow Resource Centre", "Albrighton Resource Centre"]).count() == 2
    assert ResourceCentre.objects.get(name="Taplow Resource Centre").facilities == [
        "Computers",
        "Free internet access",
        "Printing",
        "Step-free access",
    ]
    booking = RoomBooking.objects.booked().select_related("meeting__event", "room__centre").get()
    assert booking.meeting.event.venue == booking.room.centre.venue and booking.starts_at > timezone.now()
    assert TenantManagementOrganisation.objects.get().estates.get().name == "Sydenham Hill"
    covered = Estate.objects.filter(tenants_associations__isnull=False).distinct().count()
    assert covered == len(ESTATES) - 1
    assert not directory_listings(directory_estates(estate=Estate.objects.get(name=NO_TRA_ESTATE)))[0].has_tra
    assert StartingInterest.objects.filter(estate__name=NO_TRA_ESTATE).count() >= 2
    assert TenantsAssociation.objects.filter(blocks__isnull=False).exists()
    assert Membership.objects.filter(status="requested").exists()
    for tra in TenantsAssociation.objects.filter(estates__isnull=False):
        secretary = CommitteeRole.objects.get(tra=tra, role="secretary").resident
        assert committee_roles(secretary, tra)
        assert secretary.home.block.estate in tra.estates.all()
    # The demo's only messages are its estate survey's invitations (surveys/demo.py) and its ballot's
    # voting codes by letter (engagement/ballots/demo.py).
    assert not Message.objects.exclude(template__in=["surveys.invitation", "ballots.voting_code"]).exists()


def test_demo_tra_meetings_are_events_public_ones_in_whats_on_committee_ones_for_the_committee(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo")

    crossfields = TenantsAssociation.objects.get(name="Crossfields TRA")
    general = crossfields.meetings.get(kind=TRAMeeting.Kind.GENERAL).event
    committee = crossfields.meetings.get(kind=TRAMeeting.Kind.COMMITTEE).event
    agm = crossfields.meetings.get(kind=TRAMeeting.Kind.AGM).event
    assert (general.listed, general.invitation_only) == (True, False)
    assert list(general.eligible_estates.all()) == list(crossfields.estates.all())
    assert (committee.listed, committee.invitation_only) == (False, True)
    on_committee = set(CommitteeRole.objects.current().filter(tra=crossfields).values_list("resident", flat=True))
    assert set(committee.invitations.values_list("resident", flat=True)) == on_committee
    assert crossfields.next_agm_on == timezone.localtime(agm.starts_at).date()
