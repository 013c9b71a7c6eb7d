"""The migration that turned panel meetings into events: nothing a meeting held is lost, either way."""

from datetime import timedelta

import pytest
from django.utils import timezone

from engagement.tests.factories import ResidentFactory
from engagement.tests.migrations import latest, migrate
from events.models import Event, Invitation
from panels.models import PanelMeeting

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("back_to_the_latest_schema")]

BEFORE = [("panels", "0001_initial")]


def test_meetings_become_events_with_their_time_place_and_link_and_members_invited_to_those_to_come():
    member, former_member = ResidentFactory(), ResidentFactory()
    old = migrate(BEFORE)
    panel = old.get_model("panels", "Panel").objects.create(
        name="Service and Performance Panel",
        slug="spp",
        kind="service_and_performance",
        service_area="All",
        purpose="Performance",
        how_often="Every 2 months",
        how_long="2 hours",
    )
    memberships = old.get_model("panels", "Membership").objects
    memberships.create(panel=panel, resident_id=member.pk, role="member", started_on=timezone.localdate())
    memberships.create(
        panel=panel,
        resident_id=former_member.pk,
        role="member",
        started_on=timezone.localdate() - timedelta(days=9),
        ended_on=timezone.localdate(),
    )
    meetings = old.get_model("panels", "PanelMeeting").objects
    starts = timezone.now().replace(microsecond=0) + timedelta(days=10)
    coming = meetings.create(
        panel=panel,
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        format="both",
        place="Laurence House, 1 Catford Road, SE6 4RU",
        online_joining_link="https://meet.example.gov.uk/spp",
        agenda="1. Welcome",
    )
    held = meetings.create(panel=panel, starts_at=starts - timedelta(days=60), format="online", minutes="Agreed.")

    migrate(latest())

    coming_event = PanelMeeting.objects.get(pk=coming.pk).event
    assert (coming_event.kind, coming_event.format, coming_event.status) == ("panel_meeting", "hybrid", "published")
    assert (coming_event.invitation_only, coming_event.listed, coming_event.organiser) == (True, False, panel.name)
    assert (coming_event.starts_at, coming_event.ends_at) == (starts, starts + timedelta(hours=3))
    assert coming_event.joining_link == "https://meet.example.gov.uk/spp"
    assert (coming_event.venue.name, coming_event.venue.address) == ("Laurence House", "1 Catford Road\nSE6 4RU")
    assert list(Invitation.objects.filter(event=coming_event).values_list("resident", "notified_at")) == [
        (member.pk, None)
    ]
    held_meeting = PanelMeeting.objects.get(pk=held.pk)
    assert held_meeting.minutes == "Agreed." and held_meeting.event.venue is None
    assert held_meeting.event.ends_at - held_meeting.event.starts_at == timedelta(hours=2)
    assert not Invitation.objects.filter(event=held_meeting.event).exists()

    old = migrate(BEFORE)

    restored = old.get_model("panels", "PanelMeeting").objects.get(pk=coming.pk)
    assert (restored.starts_at, restored.format, restored.online_joining_link) == (
        starts,
        "both",
        "https://meet.example.gov.uk/spp",
    )
    assert restored.place == "Laurence House, 1 Catford Road, SE6 4RU"
    assert not Event.objects.exists()
