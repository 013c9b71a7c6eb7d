"""The migration that turned TRA meetings into events: nothing a meeting held is lost, either way."""

from datetime import timedelta

import pytest
from django.utils import timezone

from engagement.tests.factories import BlockFactory, EstateFactory, ResidentFactory
from engagement.tests.migrations import latest, migrate
from events.models import Event, Invitation
from tenants_associations.models import TRAMeeting

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("back_to_the_latest_schema")]

BEFORE = [("tenants_associations", "0001_initial")]


def test_meetings_become_events_for_the_right_people_and_come_back_as_they_were():
    estate, other_estate, no_tra = EstateFactory(name="Crossfields"), EstateFactory(name="Hillside"), EstateFactory()
    secretary = ResidentFactory()
    old = migrate(BEFORE)
    tra = old.get_model("tenants_associations", "TenantsAssociation").objects.create(
        name="Crossfields TRA", slug="crossfields-tra", ward_id=estate.ward_id
    )
    tra.estates.add(estate.pk)
    tra.blocks.add(BlockFactory(estate=other_estate).pk)
    old.get_model("tenants_associations", "CommitteeRole").objects.create(
        tra=tra, resident_id=secretary.pk, role="secretary", term_starts_on=timezone.localdate() - timedelta(days=9)
    )
    meetings = old.get_model("tenants_associations", "TRAMeeting").objects
    starts = timezone.now().replace(microsecond=0) + timedelta(days=10)
    general = meetings.create(
        tra=tra, kind="general", starts_at=starts, place="Castell House community room", notes="All welcome"
    )
    committee = meetings.create(tra=tra, kind="committee", starts_at=starts, place="The secretary's flat")
    cancelled = meetings.create(tra=tra, kind="agm", starts_at=starts, place="Hall", cancelled_at=timezone.now())
    first = meetings.create(kind="first", estate_id=no_tra.pk, starts_at=starts, place="The green")

    migrate(latest())

    event = TRAMeeting.objects.get(pk=general.pk).event
    assert (event.kind, event.title, event.organiser) == ("tra_meeting", "Crossfields TRA general meeting", tra.name)
    assert (event.listed, event.invitation_only, event.description) == (True, False, "All welcome")
    assert set(event.eligible_estates.all()) == {estate, other_estate}
    assert (event.starts_at, event.ends_at - event.starts_at) == (starts, timedelta(hours=2))
    assert (event.venue.name, event.venue.estate, event.estate) == ("Castell House community room", estate, estate)
    committee_event = TRAMeeting.objects.get(pk=committee.pk).event
    assert (committee_event.listed, committee_event.invitation_only) == (False, True)
    invitations = Invitation.objects.filter(event=committee_event)
    assert [invitation.resident_id for invitation in invitations] == [secretary.pk]
    assert invitations.get().notified_at is not None
    assert TRAMeeting.objects.get(pk=cancelled.pk).event.status == Event.Status.CANCELLED
    first_event = TRAMeeting.objects.get(pk=first.pk).event
    assert (first_event.title, first_event.estate, first_event.listed) == (
        f"First meeting of a new TRA for {no_tra.name}",
        no_tra,
        True,
    )
    assert list(first_event.eligible_estates.all()) == [no_tra]

    old = migrate(BEFORE)

    restored = {meeting.pk: meeting for meeting in old.get_model("tenants_associations", "TRAMeeting").objects.all()}
    assert (restored[general.pk].starts_at, restored[general.pk].place, restored[general.pk].notes) == (
        starts,
        "Castell House community room",
        "All welcome",
    )
    assert restored[cancelled.pk].cancelled_at is not None and restored[committee.pk].cancelled_at is None
    assert (restored[first.pk].estate_id, restored[first.pk].tra_id) == (no_tra.pk, None)
    assert not Event.objects.exists()
