import pytest
from django.core.management import call_command
from django.urls import reverse

from engagement.messaging.models import Message
from events.models import Booking, Event, Invitation
from events.rules import joining_link_visible
from panels.models import ActionLogItem, Membership, Panel, PanelApplication, PanelMeeting

pytestmark = pytest.mark.django_db


def _counts():
    models = (Panel, PanelMeeting, ActionLogItem, Membership, PanelApplication, Event, Invitation, Booking)
    return tuple(model.objects.count() for model in models)


def test_the_demo_has_todays_panels_and_loading_it_again_changes_nothing(client, settings, tmp_path):
    call_command("load_demo")
    first = _counts()
    call_command("load_demo")

    assert _counts() == first
    names = set(Panel.objects.values_list("name", flat=True))
    assert {
        "Tackling damp and mould panel",
        "Repair improvement plan panel",
        "Capital programme evidence panel",
        "Energy efficiency panel",
        "Service and Performance Panel",
        "Building safety panel",
        "Leasehold forum",
        "Independent living forum",
    } <= names
    spp = Panel.objects.get(slug="service-and-performance-panel")
    assert spp.publishes_records and spp.terms_of_reference
    assert ActionLogItem.objects.overdue().exists()
    assert client.get(reverse("panels:terms_of_reference", kwargs={"slug": spp.slug})).status_code == 200
    assert client.get(reverse("panels:detail", kwargs={"slug": spp.slug})).status_code == 200


def test_the_demo_panels_meetings_are_events_the_members_are_invited_to_and_nobody_is_sent_anything():
    call_command("load_demo")
    call_command("load_demo")

    spp = Panel.objects.get(slug="service-and-performance-panel")
    meetings = list(spp.meetings.with_event())
    assert len(meetings) == 3
    assert {meeting.event.kind for meeting in meetings} == {Event.Kind.PANEL_MEETING}
    coming = [meeting for meeting in meetings if meeting.is_upcoming]
    assert len(coming) == 1
    current = Membership.objects.current().filter(panel=spp, resident__isnull=False)
    members = set(current.values_list("resident", flat=True))
    invited = Invitation.objects.filter(event=coming[0].event)
    assert set(invited.values_list("resident", flat=True)) == members
    assert not invited.filter(notified_at__isnull=True).exists()
    chair = Membership.objects.get(panel=spp, role=Membership.Role.CHAIR).resident
    assert joining_link_visible(event=coming[0].event, resident=chair)
    assert not Message.objects.filter(template="events.invitation").exists()
