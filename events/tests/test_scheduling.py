"""Officers' scheduling: cancelling and moving events tells residents; copies, roadshows (reminders: test_reminders)."""

from datetime import date, time, timedelta

import pytest
from django.utils import timezone

from engagement.messaging.models import Message
from engagement.tests.factories import EstateFactory
from events.models import Booking, Event, StaffInvitation
from events.services.bookings import booking_create
from events.services.events import (
    RoadshowSession,
    event_cancel,
    event_copy,
    event_reschedule,
    repairs_open_day_repeats_estate,
    roadshows_plan_year,
)
from events.tests.factories import EventFactory, VenueFactory
from events.tests.helpers import outbox, outbox_clear

pytestmark = pytest.mark.django_db


def test_cancelling_tells_everyone_booked_or_waiting_with_the_reason(resident, other_resident, run_on_commit):
    event = EventFactory(capacity=1)
    booking_create(event=event, resident=resident)
    booking_create(event=event, resident=other_resident, waiting_list=True)
    outbox_clear()

    told = run_on_commit(event_cancel, event=event, reason="The hall has flooded.")

    assert told == 2
    assert sorted(m.to[0] for m in outbox()) == sorted([resident.email, other_resident.email])
    assert all("The hall has flooded." in m.body for m in outbox())
    assert set(Booking.objects.values_list("status", flat=True)) == {Booking.Status.CANCELLED}
    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED


def test_cancelling_twice_tells_nobody_twice(event, resident):
    booking_create(event=event, resident=resident)
    event_cancel(event=event, reason="Storm warning")
    assert event_cancel(event=event, reason="Storm warning") == 0
    assert Message.objects.filter(template="events.event_cancelled").count() == 1


def test_moving_an_event_tells_registered_residents_the_old_and_new_time(event, resident, run_on_commit):
    booking_create(event=event, resident=resident)
    outbox_clear()
    new_start = event.starts_at + timedelta(days=1)

    told = run_on_commit(event_reschedule, event=event, starts_at=new_start, ends_at=new_start + timedelta(hours=2))

    assert told == 1
    assert outbox()[0].subject.startswith("New time")
    assert "Was:" in outbox()[0].body and "Now:" in outbox()[0].body


def test_moving_a_roadshow_moves_its_drop_in_and_tells_those_booked_on_each(resident, other_resident):
    from events.services.events import drop_in_add

    roadshow = EventFactory(kind=Event.Kind.ROADSHOW, senior_leader="Jo Smith")
    drop_in = drop_in_add(roadshow=roadshow)
    booking_create(event=roadshow, resident=resident)
    booking_create(event=drop_in, resident=other_resident)
    length = drop_in.ends_at - drop_in.starts_at
    new_start = roadshow.starts_at + timedelta(days=2, hours=1)

    told = event_reschedule(event=roadshow, starts_at=new_start, ends_at=new_start + timedelta(hours=2))

    drop_in.refresh_from_db()
    assert (drop_in.starts_at, drop_in.ends_at) == (new_start - length, new_start)
    assert told == 2
    moved = Message.objects.filter(template="events.event_rescheduled")
    assert sorted(moved.values_list("resident_id", flat=True)) == sorted([resident.pk, other_resident.pk])


def invited_meeting(*residents) -> Event:
    from events.services.events import event_invite

    meeting = EventFactory(kind=Event.Kind.PANEL_MEETING, invitation_only=True, listed=False)
    event_invite(event=meeting, residents=residents)
    StaffInvitation.objects.create(event=meeting, name="Pat Green", email="pat@example.gov.uk", sent_at=timezone.now())
    StaffInvitation.objects.create(event=meeting, name="Not Yet", email="later@example.gov.uk")
    return meeting


def test_cancelling_a_meeting_tells_invited_members_who_had_not_booked_and_invited_staff_once_each(
    resident, other_resident, run_on_commit
):
    meeting = invited_meeting(resident, other_resident)
    booking_create(event=meeting, resident=resident)
    outbox_clear()

    told = run_on_commit(event_cancel, event=meeting, reason="The chair is ill.")

    assert told == 2
    sent = outbox()
    assert sorted(m.to[0] for m in sent) == sorted([resident.email, other_resident.email, "pat@example.gov.uk"])
    assert len(sent) == 3
    assert all("The chair is ill." in m.body for m in sent)
    assert {m.template for m in sent} == {"events.event_cancelled", "events.staff_event_cancelled"}


def test_moving_a_meeting_tells_invited_members_and_staff_the_new_time_and_booked_members_how_to_cancel(
    resident, other_resident, run_on_commit
):
    meeting = invited_meeting(resident, other_resident)
    booking_create(event=meeting, resident=resident)
    outbox_clear()
    new_start = meeting.starts_at + timedelta(days=7)

    told = run_on_commit(event_reschedule, event=meeting, starts_at=new_start, ends_at=new_start + timedelta(hours=2))

    assert told == 2
    sent = outbox()
    by_address = {m.to[0]: m for m in sent}
    assert len(sent) == 3
    assert set(by_address) == {resident.email, other_resident.email, "pat@example.gov.uk"}
    assert by_address[resident.email].template == "events.event_rescheduled"
    assert "Please tell us if you are coming" in by_address[other_resident.email].body
    assert all("Was:" in m.body and "Now:" in m.body for m in by_address.values())


def test_a_copy_is_a_draft_with_the_same_details_and_who_may_register(event):
    event.eligible_estates.set([EstateFactory()])
    copy = event_copy(event=event)
    assert copy.status == Event.Status.DRAFT
    assert (copy.title, copy.venue_id, copy.capacity) == (event.title, event.venue_id, event.capacity)
    assert list(copy.eligible_estates.all()) == list(event.eligible_estates.all())
    assert copy.copied_from == event


def test_the_years_roadshows_are_planned_in_one_go_two_online_two_in_person():
    hall = VenueFactory()
    sessions = [
        RoadshowSession(day=date(2027, 3, 3), starts=time(18), ends=time(19, 30), format="online", drop_in=True),
        RoadshowSession(day=date(2027, 6, 9), starts=time(18), ends=time(19, 30), format="online"),
        RoadshowSession(
            day=date(2027, 9, 8), starts=time(18), ends=time(19, 30), format="in_person", venue=hall, drop_in=True
        ),
        RoadshowSession(day=date(2027, 12, 1), starts=time(18), ends=time(19, 30), format="in_person", venue=hall),
    ]

    created = roadshows_plan_year(year=2027, sessions=sessions, senior_leader="Jo Smith, Director of Housing")

    roadshows = [e for e in created if e.kind == Event.Kind.ROADSHOW]
    drop_ins = [e for e in created if e.kind == Event.Kind.DROP_IN]
    assert [r.format for r in roadshows] == ["online", "online", "in_person", "in_person"]
    assert {r.status for r in created} == {Event.Status.DRAFT}
    assert len(drop_ins) == 2
    assert drop_ins[0].ends_at == roadshows[0].starts_at
    assert drop_ins[0].drop_in_for == roadshows[0]


def test_a_repairs_open_day_on_the_same_estate_as_the_last_one_is_flagged():
    estate, other = EstateFactory(), EstateFactory()
    EventFactory(estate=estate, starts_at=timezone.now() + timedelta(days=5))
    same = EventFactory(estate=estate, starts_at=timezone.now() + timedelta(days=40))
    moved_on = EventFactory(estate=other, starts_at=timezone.now() + timedelta(days=70))

    assert repairs_open_day_repeats_estate(same) is not None
    assert repairs_open_day_repeats_estate(moved_on) is None


def test_a_roadshow_needs_its_senior_leader_and_a_surgery_its_housing_officer():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as roadshow:
        EventFactory.build(kind=Event.Kind.ROADSHOW, venue=VenueFactory()).full_clean(exclude=["eligible_estates"])
    assert "senior_leader" in roadshow.value.message_dict
    with pytest.raises(ValidationError) as surgery:
        EventFactory.build(kind=Event.Kind.SURGERY, venue=VenueFactory()).full_clean(exclude=["eligible_estates"])
    assert "housing_officer" in surgery.value.message_dict


def test_invitations_wait_for_the_meeting_to_be_published_and_go_once(resident, other_resident):
    from events.services.events import event_invite, invitations_send

    meeting = EventFactory(kind=Event.Kind.PANEL_MEETING, invitation_only=True, listed=False, status=Event.Status.DRAFT)
    assert event_invite(event=meeting, residents=[resident, other_resident]) == 2
    assert not Message.objects.filter(template="events.invitation").exists()

    meeting.status = Event.Status.PUBLISHED
    meeting.save()
    assert invitations_send(event=meeting) == 2
    assert event_invite(event=meeting, residents=[resident]) == 0
    assert invitations_send(event=meeting) == 0
    assert Message.objects.filter(template="events.invitation").count() == 2


def test_cancelling_a_roadshow_cancels_its_drop_in_and_tells_those_booked_on_it(resident):
    from events.services.events import drop_in_add

    roadshow = EventFactory(kind=Event.Kind.ROADSHOW, senior_leader="Jo Smith")
    drop_in = drop_in_add(roadshow=roadshow)
    booking_create(event=drop_in, resident=resident)

    event_cancel(event=roadshow, reason="The presenter is ill.")

    drop_in.refresh_from_db()
    assert drop_in.status == Event.Status.CANCELLED
    assert Message.objects.get(template="events.event_cancelled", resident=resident).personalisation["reason"] == (
        "The presenter is ill."
    )
