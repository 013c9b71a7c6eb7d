"""TRA meetings are events: general meetings and AGMs in What's on for the estates' residents,
committee meetings for the committee only, and every change in admin goes through the service."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from engagement.messaging.models import Message
from engagement.tests.factories import BlockFactory, EstateFactory
from events.models import Booking, Event, Invitation
from events.rules import booking_eligibility
from events.services.bookings import booking_create
from events.services.events import event_cancel, event_reschedule
from events.tests.factories import VenueFactory
from tenants_associations.models import CommitteeRole, TRAMeeting
from tenants_associations.services.meetings import (
    MeetingDetails,
    MeetingRefused,
    tra_meeting_cancel,
    tra_meeting_delete,
    tra_meeting_schedule,
)
from tenants_associations.services.membership import membership_leave
from tenants_associations.tests.factories import (
    CommitteeRoleFactory,
    MembershipFactory,
    TRAMeetingFactory,
    a_date,
    resident_on,
)

pytestmark = pytest.mark.django_db


def _seven_pm(days: int):
    return timezone.localtime().replace(hour=19, minute=0, second=0, microsecond=0) + timedelta(days=days)


def _schedule(tra, kind, *, days=14, place="Foreshore House community room", **options):
    return tra_meeting_schedule(
        tra=tra, kind=kind, details=MeetingDetails(starts_at=_seven_pm(days), place=place), **options
    )


def _invited(meeting):
    return set(Invitation.objects.filter(event=meeting.event).values_list("resident_id", flat=True))


def _admin_form(meeting=None, **overrides):
    """What the TRA meeting admin form posts."""
    starts = _seven_pm(20) if meeting is None else timezone.localtime(meeting.event.starts_at)
    ends = starts + timedelta(hours=2) if meeting is None else timezone.localtime(meeting.event.ends_at)
    return {
        "starts_at": f"{starts:%Y-%m-%dT%H:%M}",
        "ends_at": f"{ends:%Y-%m-%dT%H:%M}",
        "format": "in_person",
        "venue": VenueFactory().pk if meeting is None else meeting.event.venue_id,
        "joining_link": "",
        "notes": "" if meeting is None else meeting.event.description,
        **overrides,
    }


def test_a_general_meeting_is_in_whats_on_for_the_residents_of_the_estates_the_tra_covers(
    client, tra, resident, other_resident
):
    block_elsewhere = BlockFactory(estate=EstateFactory(name="Hillside"))
    tra.blocks.add(block_elsewhere)
    on_that_block = resident_on(block_elsewhere.estate)

    meeting = _schedule(tra, TRAMeeting.Kind.GENERAL)

    event = meeting.event
    assert (event.kind, event.listed, event.invitation_only, event.organiser) == ("tra_meeting", True, False, tra.name)
    assert set(event.eligible_estates.all()) == {resident.home.block.estate, block_elsewhere.estate}
    assert booking_eligibility(event=event, resident=resident).allowed
    assert booking_eligibility(event=event, resident=on_that_block).allowed
    assert booking_eligibility(event=event, resident=other_resident).code == "estate"
    assert event.title in client.get(reverse("events:kind", kwargs={"kind": "tra_meeting"})).content.decode()


def test_a_committee_meeting_is_for_the_committee_only_and_not_in_whats_on(client, tra, secretary, resident):
    MembershipFactory(tra=tra, resident=resident)

    meeting = _schedule(tra, TRAMeeting.Kind.COMMITTEE)

    event = meeting.event
    assert (event.listed, event.invitation_only) == (False, True)
    assert _invited(meeting) == {secretary.pk}
    assert Message.objects.get(template="events.invitation").resident == secretary
    assert event.title not in client.get(reverse("events:list")).content.decode()
    client.force_login(resident.user)
    assert client.get(reverse("events:detail", args=[event.pk])).status_code == 404
    assert booking_eligibility(event=event, resident=resident).code == "not_invited"
    client.force_login(secretary.user)
    assert client.get(reverse("events:detail", args=[event.pk])).status_code == 200


def test_someone_joining_the_committee_in_admin_is_invited_to_its_meetings_to_come(client, officer, tra, neighbour):
    coming = _schedule(tra, TRAMeeting.Kind.COMMITTEE)
    client.force_login(officer)

    client.post(
        reverse("admin:tenants_associations_committeerole_add"),
        {
            "tra": tra.pk,
            "resident": neighbour.pk,
            "role": "treasurer",
            "title": "",
            "term_starts_on": a_date(-1).isoformat(),
            "term_ends_on": "",
        },
    )

    assert CommitteeRole.objects.filter(tra=tra, resident=neighbour).exists()
    assert neighbour.pk in _invited(coming)
    assert Message.objects.filter(template="events.invitation", resident=neighbour).count() == 1


def test_a_committee_member_who_leaves_the_tra_comes_off_its_meetings_and_loses_their_place(tra, neighbour):
    CommitteeRoleFactory(tra=tra, resident=neighbour, role=CommitteeRole.Role.TREASURER)
    coming = _schedule(tra, TRAMeeting.Kind.COMMITTEE)
    booking = booking_create(event=coming.event, resident=neighbour)

    membership_leave(membership=neighbour.tra_memberships.get(tra=tra))

    assert neighbour.pk not in _invited(coming)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED


def test_an_agm_moved_or_cancelled_keeps_the_tras_next_agm_date_true(tra):
    tra.next_agm_on = None
    tra.save()
    agm = _schedule(tra, TRAMeeting.Kind.AGM, days=40)
    tra.refresh_from_db()
    assert tra.next_agm_on == a_date(40)

    # Moved in the events admin, not through the TRA: the date still follows.
    event_reschedule(event=agm.event, starts_at=_seven_pm(45), ends_at=_seven_pm(45) + timedelta(hours=2))
    tra.refresh_from_db()
    assert tra.next_agm_on == a_date(45)

    tra_meeting_cancel(meeting=agm, reason="The hall is not available.")
    tra.refresh_from_db()
    assert tra.next_agm_on is None


def test_cancelling_an_agm_falls_back_to_the_next_one_and_leaves_a_date_set_by_hand(tra):
    first = _schedule(tra, TRAMeeting.Kind.AGM, days=30)
    second = _schedule(tra, TRAMeeting.Kind.AGM, days=60)
    tra.refresh_from_db()
    assert tra.next_agm_on == a_date(30)

    # Cancelled in the events admin, not through the TRA.
    event_cancel(event=first.event, reason="Moved to the later date")
    tra.refresh_from_db()
    assert tra.next_agm_on == a_date(60)

    tra.next_agm_on = a_date(90)
    tra.save()
    tra_meeting_cancel(meeting=second)
    tra.refresh_from_db()
    assert tra.next_agm_on == a_date(90)


def test_an_officer_adds_an_agm_in_admin_and_it_becomes_the_next_agm(client, officer, tra, resident):
    MembershipFactory(tra=tra, resident=resident)
    client.force_login(officer)
    add = reverse("admin:tenants_associations_trameeting_add")
    form = client.get(add, {"tra": tra.pk}).context["adminform"].form
    assert "first" not in dict(form.fields["kind"].choices)

    response = client.post(add, {"tra": tra.pk, "kind": "agm", "tell_people": "on", **_admin_form()})

    assert response.status_code == 302
    meeting = TRAMeeting.objects.get()
    tra.refresh_from_db()
    assert tra.next_agm_on == a_date(20)
    assert (meeting.event.created_by, meeting.event.lead_officer, meeting.event.listed) == (officer, officer, True)
    told = Message.objects.get(template="tenants_associations.meeting_scheduled")
    assert told.resident == resident


def test_the_meeting_admin_explains_what_an_event_needs(client, officer, tra):
    client.force_login(officer)

    response = client.post(
        reverse("admin:tenants_associations_trameeting_add"),
        {"tra": tra.pk, "kind": "general", **_admin_form(venue="", ends_at=f"{_seven_pm(20):%Y-%m-%d}T18:00")},
    )

    page = response.content.decode()
    assert "Choose a venue for an event held in person." in page
    assert "The end must be after the start." in page
    assert not TRAMeeting.objects.exists() and not Event.objects.exists()


def test_moving_a_meeting_in_admin_tells_the_residents_coming(client, officer, tra, resident):
    meeting = _schedule(tra, TRAMeeting.Kind.GENERAL)
    booking_create(event=meeting.event, resident=resident)
    client.force_login(officer)
    later = timezone.localtime(meeting.event.starts_at) + timedelta(days=1)

    client.post(
        reverse("admin:tenants_associations_trameeting_change", args=[meeting.pk]),
        _admin_form(
            meeting,
            starts_at=f"{later:%Y-%m-%dT%H:%M}",
            ends_at=f"{later + timedelta(hours=2):%Y-%m-%dT%H:%M}",
        ),
    )

    meeting.event.refresh_from_db()
    assert meeting.event.starts_at == later
    assert Message.objects.get(template="events.event_rescheduled").resident == resident


def test_the_tras_admin_page_lists_its_meetings_to_read_and_links_to_add_one(client, officer, tra):
    meeting = _schedule(tra, TRAMeeting.Kind.GENERAL)
    client.force_login(officer)

    page = client.get(reverse("admin:tenants_associations_tenantsassociation_change", args=[tra.pk])).content.decode()

    assert "Foreshore House community room" in page
    assert reverse("admin:tenants_associations_trameeting_change", args=[meeting.pk]) in page
    assert f"{reverse('admin:tenants_associations_trameeting_add')}?tra={tra.pk}" in page
    assert "meetings-0-kind" not in page


def test_a_published_meeting_is_cancelled_never_deleted_and_only_administrators_delete(
    client, officer, administrator, tra
):
    going_ahead = _schedule(tra, TRAMeeting.Kind.GENERAL)
    cancelled = _schedule(tra, TRAMeeting.Kind.GENERAL, days=30)
    tra_meeting_cancel(meeting=cancelled)
    # Never published (as a meeting made in error before it went out would be).
    never_published = _schedule(tra, TRAMeeting.Kind.GENERAL, days=40)
    Event.objects.filter(pk=never_published.event_id).update(status=Event.Status.DRAFT)
    delete = "admin:tenants_associations_trameeting_delete"
    client.force_login(officer)
    not_an_officers = client.post(reverse(delete, args=[never_published.pk]), {"post": "yes"})
    client.force_login(administrator)

    refused = client.post(reverse(delete, args=[going_ahead.pk]), {"post": "yes"})
    kept = client.post(reverse(delete, args=[cancelled.pk]), {"post": "yes"})
    client.post(reverse(delete, args=[never_published.pk]), {"post": "yes"})

    assert not_an_officers.status_code == 403
    assert refused.status_code == 403 and kept.status_code == 403
    assert TRAMeeting.objects.filter(pk__in=[going_ahead.pk, cancelled.pk]).count() == 2
    assert not Event.objects.filter(pk=never_published.event_id).exists()
    with pytest.raises(MeetingRefused, match="cancel it instead"):
        tra_meeting_delete(meeting=cancelled)


def test_the_committees_meetings_page_takes_the_same_queries_for_5_or_50_meetings(
    secretary_client, tra, django_assert_max_num_queries
):
    url = reverse("tenants_associations:committee_meetings", kwargs={"slug": tra.slug})
    TRAMeetingFactory.create_batch(5, tra=tra)
    with django_assert_max_num_queries(30) as few:
        secretary_client.get(url)
    TRAMeetingFactory.create_batch(45, tra=tra)

    with django_assert_max_num_queries(len(few.captured_queries)):
        page = secretary_client.get(url).content.decode()
    assert page.count(">Cancel<") == 50


def test_the_tras_admin_page_takes_the_same_queries_for_5_or_50_meetings(
    client, officer, tra, django_assert_max_num_queries
):
    url = reverse("admin:tenants_associations_tenantsassociation_change", args=[tra.pk])
    client.force_login(officer)
    TRAMeetingFactory.create_batch(5, tra=tra)
    with django_assert_max_num_queries(60) as few:
        client.get(url)
    TRAMeetingFactory.create_batch(45, tra=tra)

    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
