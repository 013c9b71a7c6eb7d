"""Panel meetings are events: members are invited (and only members), the joining link is for members
with a place, and moving or cancelling a meeting tells those coming."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from engagement.messaging.models import Message
from engagement.tests.factories import StaffFactory
from events.models import Booking, Event, Invitation, StaffInvitation
from events.services.bookings import booking_create
from events.tests.factories import VenueFactory
from panels.models import Membership, PanelMeeting
from panels.services import PanelError
from panels.services.applications import application_accept
from panels.services.meetings import (
    MeetingDetails,
    member_meetings_invite,
    panel_meeting_cancel,
    panel_meeting_change,
    panel_meeting_delete,
    panel_meeting_schedule,
)
from panels.services.records import membership_change_role, membership_end
from panels.tests.factories import (
    MembershipFactory,
    PanelApplicationFactory,
    PanelFactory,
    PanelMeetingFactory,
    admin_when_and_where,
)

pytestmark = pytest.mark.django_db

SECRET_LINK = "https://meet.example.gov.uk/spp-secret"


@pytest.fixture
def panel(db):
    return PanelFactory(name="Service and Performance Panel", slug="spp", publishes_records=True)


def _soon(days=7, hour=18):
    start = timezone.localtime().replace(hour=hour, minute=0, second=0, microsecond=0) + timedelta(days=days)
    return start, start + timedelta(hours=2)


def _schedule(panel, *, online=False, publish=True, by=None, days=7):
    starts_at, ends_at = _soon(days)
    details = MeetingDetails(
        starts_at=starts_at,
        ends_at=ends_at,
        format=Event.Format.ONLINE if online else Event.Format.IN_PERSON,
        venue=None if online else VenueFactory(name="Laurence House"),
        joining_link=SECRET_LINK if online else "",
    )
    return panel_meeting_schedule(meeting=PanelMeeting(panel=panel), details=details, publish=publish, by=by)


def _invited(meeting):
    return set(Invitation.objects.filter(event=meeting.event).values_list("resident_id", flat=True))


def _invitations_sent(resident=None):
    sent = Message.objects.filter(template="events.invitation")
    return sent.filter(resident=resident) if resident else sent


def _meeting_page(client, meeting):
    return client.get(reverse("panels:meeting", kwargs={"slug": meeting.panel.slug, "pk": meeting.pk}))


def _admin_add(client, panel, **overrides):
    starts_at, ends_at = _soon()
    data = {
        "panel": panel.pk,
        "starts_at": f"{starts_at:%Y-%m-%d}T18:00",
        "ends_at": f"{ends_at:%Y-%m-%d}T20:00",
        "format": "online",
        "venue": "",
        "joining_link": "meet.example.gov.uk/spp-secret",
        "publish": "on",
        "agenda": "1. Welcome",
        "minutes": "",
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
        **overrides,
    }
    return client.post(reverse("admin:panels_panelmeeting_add"), data)


def test_an_officer_adds_a_meeting_and_the_current_members_are_invited_once(
    client, officer, panel, resident, other_resident
):
    MembershipFactory(panel=panel, resident=resident)
    MembershipFactory(panel=panel, resident=other_resident, ended_on=timezone.localdate())
    staff_seat = StaffFactory(first_name="Sam", last_name="Staff", email="sam.staff@example.gov.uk")
    MembershipFactory(panel=panel, resident=None, staff_user=staff_seat, role=Membership.Role.STAFF_MEMBER)
    client.force_login(officer)

    response = _admin_add(client, panel)

    assert response.status_code == 302
    meeting = PanelMeeting.objects.get()
    event = meeting.event
    assert (event.kind, event.invitation_only, event.listed) == (Event.Kind.PANEL_MEETING, True, False)
    assert (event.status, event.organiser, event.lead_officer) == (Event.Status.PUBLISHED, panel.name, officer)
    assert event.joining_link == SECRET_LINK
    assert _invited(meeting) == {resident.pk}
    assert list(_invitations_sent().values_list("resident", flat=True)) == [resident.pk]
    event_url = _invitations_sent(resident).get().personalisation["event_url"]
    assert event_url.endswith(reverse("events:detail", args=[event.pk]))
    # The member of staff in a seat has no resident account: they are sent a staff invitation, by email.
    assert list(Message.objects.filter(template="events.staff_invitation").values_list("to_address", flat=True)) == [
        "sam.staff@example.gov.uk"
    ]


def test_a_meeting_saved_as_a_draft_invites_members_when_it_is_published(client, officer, panel, resident):
    MembershipFactory(panel=panel, resident=resident)
    client.force_login(officer)

    _admin_add(client, panel, publish="")
    meeting = PanelMeeting.objects.get()
    assert meeting.event.status == Event.Status.DRAFT
    assert _invited(meeting) == {resident.pk} and not _invitations_sent().exists()
    assert _meeting_page(client, meeting).status_code == 404

    url = reverse("admin:panels_panelmeeting_change", args=[meeting.pk])
    client.post(
        url,
        {
            **admin_when_and_where(meeting.event),
            "publish": "on",
            "agenda": "1. Welcome",
            "minutes": "",
            "documents-TOTAL_FORMS": "0",
            "documents-INITIAL_FORMS": "0",
        },
    )

    meeting.event.refresh_from_db()
    assert meeting.event.status == Event.Status.PUBLISHED
    assert _invitations_sent(resident).count() == 1


def test_a_meeting_in_person_needs_a_venue_and_an_end_after_its_start(client, officer, panel):
    client.force_login(officer)

    starts_at, _ = _soon()
    response = _admin_add(client, panel, format="in_person", joining_link="", ends_at=f"{starts_at:%Y-%m-%d}T17:00")

    page = response.content.decode()
    assert "Choose a venue for an event held in person." in page
    assert "The end must be after the start." in page
    assert not PanelMeeting.objects.exists() and not Event.objects.exists()


def test_a_resident_accepted_onto_the_panel_is_invited_to_the_meetings_still_to_come(officer, panel, resident):
    coming = _schedule(panel)
    past = PanelMeetingFactory(panel=panel)
    cancelled = _schedule(panel, days=14)
    panel_meeting_cancel(meeting=cancelled, reason="The room is not available.")
    application = PanelApplicationFactory(panel=panel, resident=resident)

    application_accept(
        application=application,
        role=Membership.Role.MEMBER,
        starts_on=timezone.localdate(),
        term_ends_on=None,
        message="Welcome.",
        decided_by=officer,
    )

    assert _invited(coming) == {resident.pk}
    assert _invited(past) == set() and _invited(cancelled) == set()
    assert _invitations_sent(resident).count() == 1


def test_a_member_added_in_admin_is_invited_to_the_meetings_still_to_come(client, officer, panel, resident):
    coming = _schedule(panel)
    client.force_login(officer)

    client.post(
        reverse("admin:panels_membership_add"),
        {"panel": panel.pk, "resident": resident.pk, "role": "member", "started_on": timezone.localdate().isoformat()},
    )

    assert Membership.objects.current().filter(panel=panel, resident=resident).exists()
    assert _invited(coming) == {resident.pk}


def _staff_invited(meeting):
    """Who of staff is invited, and whether their invitation is still to be sent."""
    invitations = StaffInvitation.objects.filter(event=meeting.event)
    return {(invitation.email, invitation.sent_at is None) for invitation in invitations}


def test_a_member_of_staff_in_a_seat_is_invited_when_a_meeting_is_published_and_taken_off_as_they_leave(panel):
    sam = StaffFactory(first_name="Sam", last_name="Staff", email="sam.staff@example.gov.uk")
    seat = MembershipFactory(panel=panel, resident=None, staff_user=sam, role=Membership.Role.STAFF_MEMBER)
    draft = _schedule(panel, publish=False)
    assert _staff_invited(draft) == {("sam.staff@example.gov.uk", True)}  # listed, not sent: a draft

    event = draft.event
    details = MeetingDetails(starts_at=event.starts_at, ends_at=event.ends_at, format=event.format, venue=event.venue)
    panel_meeting_change(meeting=draft, details=details, publish=True)
    assert _staff_invited(draft) == {("sam.staff@example.gov.uk", False)}
    assert Message.objects.filter(template="events.staff_invitation", to_address=sam.email).count() == 1

    membership_end(membership=seat, on=timezone.localdate(), reason="Moved team")
    assert _staff_invited(draft) == set()


def test_a_member_of_staff_given_a_seat_is_invited_to_the_meetings_still_to_come(panel, officer):
    coming = _schedule(panel)
    seat = MembershipFactory(
        panel=panel,
        resident=None,
        staff_user=StaffFactory(email="kim@example.gov.uk"),
        role=Membership.Role.STAFF_MEMBER,
    )

    assert member_meetings_invite(membership=seat, by=officer) == 1
    assert _staff_invited(coming) == {("kim@example.gov.uk", False)}


def test_a_member_who_leaves_comes_off_the_meetings_to_come_and_loses_their_place(panel, resident):
    membership = MembershipFactory(panel=panel, resident=resident)
    coming = _schedule(panel, online=True)
    booking = booking_create(event=coming.event, resident=resident)

    membership_end(membership=membership, on=timezone.localdate(), reason="Moved away")

    assert _invited(coming) == set()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED


def test_a_member_who_becomes_chair_stays_invited(panel, resident):
    membership = MembershipFactory(panel=panel, resident=resident)
    coming = _schedule(panel)

    membership_change_role(membership=membership, role=Membership.Role.CHAIR, on=timezone.localdate())

    assert _invited(coming) == {resident.pk}


def test_the_joining_link_is_for_members_who_have_said_they_are_coming(client, panel, resident, other_resident):
    MembershipFactory(panel=panel, resident=resident)
    meeting = _schedule(panel, online=True)

    public = _meeting_page(client, meeting).content.decode()
    client.force_login(other_resident.user)
    outsider = _meeting_page(client, meeting).content.decode()
    outsider_event = client.get(reverse("events:detail", args=[meeting.event_id]))
    client.force_login(resident.user)
    member = _meeting_page(client, meeting).content.decode()
    booking_create(event=meeting.event, resident=resident)
    coming = _meeting_page(client, meeting).content.decode()

    assert SECRET_LINK not in public + outsider + member
    assert "Members get the joining link" in outsider
    assert outsider_event.status_code == 404
    assert "Tell us you are coming" in member and reverse("events:detail", args=[meeting.event_id]) in member
    assert SECRET_LINK in coming


def test_a_former_member_no_longer_gets_the_joining_link(client, panel, resident):
    membership = MembershipFactory(panel=panel, resident=resident)
    meeting = _schedule(panel, online=True)
    booking_create(event=meeting.event, resident=resident)
    membership_end(membership=membership, on=timezone.localdate(), reason="Term ended")
    client.force_login(resident.user)

    page = _meeting_page(client, meeting).content.decode()

    assert SECRET_LINK not in page
    assert "Members get the joining link" in page


def test_moving_a_meeting_in_admin_tells_the_members_who_are_coming(client, officer, panel, resident, other_resident):
    MembershipFactory(panel=panel, resident=resident)
    MembershipFactory(panel=panel, resident=other_resident)
    meeting = _schedule(panel)
    booking_create(event=meeting.event, resident=resident)
    client.force_login(officer)
    later = meeting.event.starts_at + timedelta(days=1)

    response = client.post(
        reverse("admin:panels_panelmeeting_change", args=[meeting.pk]),
        {
            **admin_when_and_where(meeting.event),
            "starts_at": f"{timezone.localtime(later):%Y-%m-%dT%H:%M}",
            "ends_at": f"{timezone.localtime(later + timedelta(hours=2)):%Y-%m-%dT%H:%M}",
            "agenda": "1. Welcome",
            "minutes": "",
            "documents-TOTAL_FORMS": "0",
            "documents-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    meeting.event.refresh_from_db()
    assert meeting.event.starts_at == later
    told = Message.objects.filter(template="events.event_rescheduled")
    assert list(told.values_list("resident", flat=True)) == [resident.pk]


def test_a_meeting_moved_to_a_new_place_and_time_is_told_with_the_new_place(panel, resident):
    from panels.services.meetings import panel_meeting_change

    MembershipFactory(panel=panel, resident=resident)
    meeting = _schedule(panel)
    booking_create(event=meeting.event, resident=resident)
    starts_at, ends_at = _soon(days=14)

    told = panel_meeting_change(
        meeting=meeting,
        details=MeetingDetails(starts_at=starts_at, ends_at=ends_at, venue=VenueFactory(name="Catford Library")),
    )

    moved = Message.objects.get(template="events.event_rescheduled", resident=resident)
    assert told == 1
    assert "Catford Library" in moved.personalisation["where"]


def test_cancelling_a_meeting_in_admin_tells_those_coming_and_shows_on_the_panels_page(
    client, officer, panel, resident
):
    MembershipFactory(panel=panel, resident=resident)
    meeting = _schedule(panel)
    booking_create(event=meeting.event, resident=resident)
    client.force_login(officer)

    client.post(
        reverse("admin:panels_panelmeeting_changelist"),
        {"action": "cancel_meetings", "_selected_action": [meeting.pk], "apply": "1", "reason": "Room flooded."},
    )

    meeting.event.refresh_from_db()
    assert meeting.event.status == Event.Status.CANCELLED
    told = Message.objects.get(template="events.event_cancelled")
    assert (told.resident, told.personalisation["reason"]) == (resident, "Room flooded.")
    assert "(cancelled)" in client.get(reverse("panels:detail", kwargs={"slug": panel.slug})).content.decode()
    assert "Room flooded." in _meeting_page(client, meeting).content.decode()
    with pytest.raises(PanelError, match="already cancelled"):
        panel_meeting_cancel(meeting=meeting, reason="Again")


def test_drafts_are_kept_off_the_panels_page(client, panel):
    shown = _schedule(panel)
    draft = _schedule(panel, publish=False, days=30)

    page = client.get(reverse("panels:detail", kwargs={"slug": panel.slug})).content.decode()

    assert reverse("panels:meeting", kwargs={"slug": panel.slug, "pk": shown.pk}) in page
    assert reverse("panels:meeting", kwargs={"slug": panel.slug, "pk": draft.pk}) not in page


def test_only_a_meeting_never_published_can_be_deleted_and_it_goes_with_its_event(client, officer, panel):
    published = _schedule(panel)
    cancelled = _schedule(panel, days=30)
    panel_meeting_cancel(meeting=cancelled, reason="Room flooded.")
    draft = _schedule(panel, publish=False)
    client.force_login(officer)

    refused = client.post(reverse("admin:panels_panelmeeting_delete", args=[published.pk]), {"post": "yes"})
    kept = client.post(reverse("admin:panels_panelmeeting_delete", args=[cancelled.pk]), {"post": "yes"})
    client.post(reverse("admin:panels_panelmeeting_delete", args=[draft.pk]), {"post": "yes"})

    assert refused.status_code == 403 and kept.status_code == 403
    assert PanelMeeting.objects.filter(pk__in=[published.pk, cancelled.pk]).count() == 2
    assert not PanelMeeting.objects.filter(pk=draft.pk).exists()
    assert not Event.objects.filter(pk=draft.event_id).exists()
    with pytest.raises(PanelError, match="cancel it instead"):
        panel_meeting_delete(meeting=published)


def test_the_meeting_admin_links_to_its_event_for_places_and_attendance(client, officer, panel):
    meeting = _schedule(panel)
    client.force_login(officer)

    page = client.get(reverse("admin:panels_panelmeeting_change", args=[meeting.pk])).content.decode()

    assert reverse("admin:events_event_change", args=[meeting.event_id]) in page
